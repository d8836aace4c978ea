import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './http-security';
import { BrowserHostListenError, startBrowserHost } from './server';
import type { HostServices } from '../services-types';
import { silentLogger } from '../log';
import { connect, startTestHost, type TestHost } from './test-fixtures';

let current: TestHost | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

type Reply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** A raw request: the path goes out exactly as given (no client-side `..` cleanup). */
function get(
  port: number,
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function expectSecurityHeaders(reply: Reply): void {
  expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
}

describe('the browser host serves the built UI', () => {
  it('serves index.html for / with the strict CSP and no caching', async () => {
    current = await startTestHost();
    const reply = await get(current.host.port, '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain('<title>Hymy</title>');
    expectSecurityHeaders(reply);
  });

  it('serves assets with their content types and the same security headers', async () => {
    current = await startTestHost();
    const js = await get(current.host.port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expectSecurityHeaders(js);
    const css = await get(current.host.port, '/assets/app.css?v=1');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get(current.host.port, '/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/..\\package.json',
    '/%00',
    '/assets',
    '/missing.js',
  ])('answers %s with 404 and never a file from outside', async (path) => {
    current = await startTestHost();
    const reply = await get(current.host.port, path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('"name"');
    expectSecurityHeaders(reply);
  });

  it('refuses methods other than GET and HEAD', async () => {
    current = await startTestHost();
    const reply = await get(current.host.port, '/', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(reply.headers['allow']).toBe('GET, HEAD');
  });

  it('refuses a request whose Host header names another site (DNS rebinding)', async () => {
    current = await startTestHost();
    const port = current.host.port;
    expect((await get(port, '/', { host: `rebind.example:${port}` })).status).toBe(403);
    expect((await get(port, '/', { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(port, '/', { host: `localhost:${port}` })).status).toBe(200);
  });
});

describe('the browser host network surface', () => {
  it('listens on 127.0.0.1 only', async () => {
    current = await startTestHost();
    const port = current.host.port;
    expect(current.host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#k=[\\w-]{43}$`));
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    expect(await canConnect('127.0.0.2', port)).toBe(false);
    expect(await canConnect('::1', port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (external) {
      expect(await canConnect(external.address, port)).toBe(false);
    }
  });

  it('a taken port is an error naming the port, never another port', async () => {
    current = await startTestHost();
    const taken = current.host.port;
    const attempt = startBrowserHost({
      port: taken,
      services: current.services,
      rendererDir: '/nonexistent',
    });
    await expect(attempt).rejects.toBeInstanceOf(BrowserHostListenError);
    await expect(attempt).rejects.toMatchObject({ code: 'port_in_use', port: taken });
    await expect(attempt).rejects.toThrow(String(taken));
  });

  it('makes a new secret on every launch', async () => {
    current = await startTestHost();
    const other = await startTestHost();
    expect(other.secret).not.toBe(current.secret);
    await other.dispose();
  });
});

describe('the one-time address the kiosk browser is started at', () => {
  it('leads once to the kiosk page on the kiosk origin, and that page opens the bridge', async () => {
    current = await startTestHost();
    const { host, secret } = current;
    const launch = new URL(host.launchUrl());
    expect(launch.origin).toBe(host.origin);
    expect(launch.href).not.toContain(secret);

    const reply = await get(host.port, launch.pathname);
    expect(reply.status).toBe(303);
    expect(reply.headers['location']).toBe(host.url);
    expect(reply.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(reply);
    // The browser follows it: the fragment stays in the browser, the page comes from `/`.
    const location = new URL(String(reply.headers['location']));
    expect(location.origin).toBe(host.origin);
    expect((await get(host.port, location.pathname)).status).toBe(200);
    const bridge = await connect(host, location.hash.replace('#k=', ''));
    expect(bridge.ok).toBe(true);
    if (bridge.ok) {
      bridge.ws.close();
    }
    expect(current.logLines().map((line) => line.event)).toContain('launch_token_accepted');
  });

  it('a second use is refused with a short plain page, and the log says so', async () => {
    current = await startTestHost();
    const { host, secret } = current;
    const path = new URL(host.launchUrl()).pathname;
    expect((await get(host.port, path)).status).toBe(303);

    const replay = await get(host.port, path);
    expect(replay.status).toBe(403);
    expect(replay.headers['location']).toBeUndefined();
    expect(replay.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(replay.headers['cache-control']).toBe('no-store');
    expect(replay.body).toBe(
      'This kiosk address has already been used or has expired.\n' +
        'Restart the kiosk service to open the kiosk again.\n',
    );
    expect(replay.body).not.toContain(secret);
    expectSecurityHeaders(replay);
    expect(current.logLines()).toContainEqual(
      expect.objectContaining({ event: 'launch_token_refused', reason: 'used' }),
    );
  });

  it('an address not used within 60 s is refused', async () => {
    let now = 1_000_000;
    current = await startTestHost({ now: () => now });
    const { host } = current;
    const path = new URL(host.launchUrl()).pathname;
    now += 60_000;
    const late = await get(host.port, path);
    expect(late.status).toBe(403);
    expect(late.body).toContain('has expired');
    expect(current.logLines()).toContainEqual(
      expect.objectContaining({ event: 'launch_token_refused', reason: 'expired' }),
    );
  });

  it('an address asked for by the name localhost still leads to the 127.0.0.1 origin', async () => {
    current = await startTestHost();
    const { host } = current;
    const path = new URL(host.launchUrl()).pathname;
    const reply = await get(host.port, path, { host: `localhost:${host.port}` });
    expect(reply.headers['location']).toBe(host.url);
  });

  it('a made-up address opens nothing', async () => {
    current = await startTestHost();
    const reply = await get(current.host.port, '/launch/made-up');
    expect(reply.status).toBe(403);
    expect(reply.headers['location']).toBeUndefined();
  });
});

describe('serving before the services are loaded', () => {
  it('a bridge connection made while the services load is answered once they are', async () => {
    current = await startTestHost();
    let resolveServices: (services: HostServices) => void = () => undefined;
    const pending = new Promise<HostServices>((resolve) => (resolveServices = resolve));
    const early = await startBrowserHost({
      port: 0,
      services: pending,
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    try {
      const secret = new URL(early.url).hash.replace('#k=', '');
      const connecting = connect(early, secret);
      await new Promise((resolve) => setTimeout(resolve, 50));
      resolveServices(current.services);
      const result = await connecting;
      expect(result.ok).toBe(true);
      if (result.ok) {
        result.ws.send(JSON.stringify({ t: 'call', id: 1, name: 'config:get', args: null }));
        expect(await result.messages.next()).toMatchObject({ id: 1, ok: true });
        result.ws.close();
      }
    } finally {
      await early.close();
    }
  });

  it('services that failed to start refuse the bridge with 503', async () => {
    const broken = await startBrowserHost({
      port: 0,
      services: Promise.reject(new Error('no services')),
      rendererDir: '/nonexistent',
      logger: silentLogger,
    });
    try {
      const secret = new URL(broken.url).hash.replace('#k=', '');
      expect(await connect(broken, secret)).toEqual({ ok: false, status: 503 });
    } finally {
      await broken.close();
    }
  });
});
