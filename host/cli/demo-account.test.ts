import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoAccount, demoPassword, servesDashboard } from './demo-account';

let dir: string;
let server: Server | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-demo-account-'));
});
async function closeServer(): Promise<void> {
  const open = server;
  server = undefined;
  await new Promise((resolve) => (open ? open.close(resolve) : resolve(undefined)));
}

afterEach(async () => {
  await closeServer();
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for the embedded server: answers every request with `status`, keeps what came. */
async function fakeCentral(status: number): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push({
        url: request.url,
        auth: request.headers.authorization,
        body: JSON.parse(text || 'null') as unknown,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status < 400 ? '{}' : '{"error":{"code":"x","message":"no"}}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, bodies };
}

describe("the demo account's password", () => {
  it('is made once, random, 24 characters, in a file only its owner may read', async () => {
    const file = join(dir, 'demo-password');
    const password = await demoPassword(file);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe(`${password}\n`);
    // A later call (a first start cut short and run again) finds the same one.
    expect(await demoPassword(file)).toBe(password);
    expect(await demoPassword(join(dir, 'another'))).not.toBe(password);
  });

  it('is sent to the server in the body with the admin token, never anywhere else', async () => {
    await mkdir(join(dir, 'central'));
    const central = await fakeCentral(201);
    await createDemoAccount({ url: central.url, adminToken: 'admin-token' }, dir);
    const password = (await readFile(join(dir, 'central', 'demo-password'), 'utf8')).trim();
    expect(central.bodies).toEqual([
      {
        url: '/v1/admin/accounts',
        auth: 'Bearer admin-token',
        body: { email: 'demo@hymy.invalid', role: 'county', password, language: 'fi' },
      },
    ]);
  });

  it('takes an account already there (an earlier first start made it) and refuses other answers', async () => {
    await mkdir(join(dir, 'central'));
    const exists = await fakeCentral(409);
    await expect(
      createDemoAccount({ url: exists.url, adminToken: 't' }, dir),
    ).resolves.toBeUndefined();
    await closeServer();
    const broken = await fakeCentral(500);
    await expect(createDemoAccount({ url: broken.url, adminToken: 't' }, dir)).rejects.toThrow(
      /refused the demo account \(500: no\)/,
    );
  });
});

describe('servesDashboard', () => {
  it('is true for a 200 at / and false for the 503 of an unbuilt dashboard or no server', async () => {
    const built = await fakeCentral(200);
    expect(await servesDashboard(built)).toBe(true);
    await closeServer();
    const unbuilt = await fakeCentral(503);
    expect(await servesDashboard(unbuilt)).toBe(false);
    await closeServer();
    expect(await servesDashboard({ url: unbuilt.url })).toBe(false);
  });
});
