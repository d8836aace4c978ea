import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, registerDashboardFiles } from './dashboard-files';

const dirs: string[] = [];
const apps: FastifyInstance[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.close();
  }
  for (const dir of dirs.splice(0)) {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A dashboard build of the shape Vite makes, in a directory of its own. */
async function built(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hymy-dashboard-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function serving(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  apps.push(app);
  await registerDashboardFiles(app, dir);
  return app;
}

const BUILD = {
  'index.html': '<!doctype html><title>Hymy</title>',
  'assets/index-Ab12_cd.js': 'console.log(1)',
  'assets/index-Xy34.css': 'body{}',
};

describe('the dashboard served at /', () => {
  it('answers / with its page under a strict CSP, never cached without asking', async () => {
    const app = await serving(await built(BUILD));
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Hymy</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the hashed assets with their types, cached for a year', async () => {
    const app = await serving(await built(BUILD));
    const script = await app.inject({ method: 'GET', url: '/assets/index-Ab12_cd.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const style = await app.inject({ method: 'GET', url: '/assets/index-Xy34.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves nothing the build did not make, however the path is spelt', async () => {
    const root = await built({ 'secret.txt': 'TOP SECRET' });
    const dir = join(root, 'dashboard');
    for (const [path, text] of Object.entries(BUILD)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const app = await serving(dir);
    for (const url of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/nothing.js',
      '/etc/passwd',
    ]) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body, url).not.toContain('TOP SECRET');
    }
  });

  it('says in one line how to build it when it has not been built', async () => {
    const app = await serving(join(await built({}), 'dashboard'));
    const answer = await app.inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body).toBe('The dashboard is not built: run npm run build\n');
  });
});
