import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contentTypeOf,
  createAppRequestHandler,
  KIOSK_CSP,
  registerAppScheme,
  resolveAppRequest,
  serveAppProtocol,
} from './app-protocol';

const root = path.resolve('/srv/hymy/dist/renderer');

describe('resolveAppRequest', () => {
  it.each([
    ['app://kiosk/', path.join(root, 'index.html')],
    ['app://kiosk', path.join(root, 'index.html')],
    ['app://kiosk/index.html', path.join(root, 'index.html')],
    ['app://kiosk/index.html?lang=sv#thanks', path.join(root, 'index.html')],
    ['app://kiosk/assets/index-abc123.js', path.join(root, 'assets', 'index-abc123.js')],
    ['app://kiosk/assets/fonts/Inter%20Var.woff2', path.join(root, 'assets/fonts/Inter Var.woff2')],
    ['app://kiosk/assets/../index.html', path.join(root, 'index.html')],
    // URL parsing clamps `..` at the root, as Chromium does: these stay inside the folder.
    ['app://kiosk/../../etc/passwd', path.join(root, 'etc', 'passwd')],
    ['app://kiosk/%2e%2e/%2e%2e/etc/passwd', path.join(root, 'etc', 'passwd')],
  ])('%s is the file %s', (url, file) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', path: file });
  });

  it.each([
    ['an encoded parent path', 'app://kiosk/..%2F..%2Fetc%2Fpasswd'],
    ['an encoded backslash', 'app://kiosk/..%5C..%5Cetc%5Cpasswd'],
    ['an encoded slash after the root', 'app://kiosk/%2F..%2F..%2Fetc%2Fpasswd'],
    ['a sibling folder with the same prefix', 'app://kiosk/..%2Frenderer-secrets/key'],
    ['a NUL byte', 'app://kiosk/index.html%00.png'],
    ['a broken escape', 'app://kiosk/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///srv/hymy/dist/renderer/index.html'],
    ['not a URL', 'index.html'],
  ])('%s is not found (%s)', (_what, url) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'not_found' });
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/face.SVG', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/unknown.bin', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});

describe('the app:// handler', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hymy-app-protocol-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Hymy</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'index.js'), 'export {};');
    await writeFile(path.join(dir, 'secret.txt'), 'token');
    handle = createAppRequestHandler(path.join(dir, 'renderer'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the index with the strict CSP and nosniff', async () => {
    const response = await handle(new Request('app://kiosk/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Hymy</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a module script as JavaScript', async () => {
    const response = await handle(new Request('app://kiosk/assets/index.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('export {};');
  });

  it('answers 404, with the same headers, for a file that is not there', async () => {
    const response = await handle(new Request('app://kiosk/missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a folder', async () => {
    expect((await handle(new Request('app://kiosk/assets/'))).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    const response = await handle(new Request('app://kiosk/..%2Fsecret.txt'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('token');
  });

  it('refuses anything but GET and HEAD', async () => {
    const response = await handle(new Request('app://kiosk/index.html', { method: 'POST' }));
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await handle(new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('the app scheme', () => {
  it('is registered as standard and secure, so IndexedDB lives on one fixed origin', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('is handled by the file server once ready', async () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol, '/nowhere');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await handler(new Request('app://kiosk/'))).status).toBe(404);
  });
});
