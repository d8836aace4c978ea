import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the dashboard (vite.dashboard.config.ts), from the repo's root. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../dist/dashboard/', import.meta.url));

/** The dashboard's page may load only its own files and talk only to this server. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names what it builds into `assets/` by a hash of its content: cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

type DashboardFile = { body: Buffer; type: string; cacheControl: string };

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...(await filesUnder(path)));
    } else if (entry.isFile()) {
      found.push(path);
    }
  }
  return found;
}

/** Only plain names become routes: nothing fastify would read as a parameter or a wildcard. */
const PLAIN_PATH = /^(\/[A-Za-z0-9_.-]+)+$/;

/**
 * The built dashboard, read once at start into a fixed map of URL path → file: only what the
 * build made is ever served, so no request path reaches the file system. Undefined when the
 * dashboard has not been built.
 */
export async function readDashboardFiles(
  dir: string = DASHBOARD_DIR,
): Promise<Map<string, DashboardFile> | undefined> {
  let paths: string[];
  try {
    paths = await filesUnder(dir);
  } catch {
    return undefined;
  }
  if (!paths.includes(join(dir, 'index.html'))) {
    return undefined;
  }
  const files = new Map<string, DashboardFile>();
  for (const path of paths) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    if (!PLAIN_PATH.test(urlPath)) {
      continue;
    }
    files.set(urlPath, {
      body: await readFile(path),
      type: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
    });
  }
  return files;
}

function send(reply: FastifyReply, file: DashboardFile): FastifyReply {
  reply
    .header('content-type', file.type)
    .header('cache-control', file.cacheControl)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');
  if (file.type.startsWith('text/html')) {
    reply.header('content-security-policy', DASHBOARD_CSP);
  }
  return reply.send(file.body);
}

/**
 * The county's dashboard at `/`: `GET /` (and `/index.html`) and each file the build made, one
 * route each. Paths under `/v1/` stay the API's. Without a build, `GET /` says how to make one.
 */
export async function registerDashboardFiles(
  app: FastifyInstance,
  dir: string = DASHBOARD_DIR,
): Promise<void> {
  const files = await readDashboardFiles(dir);
  const index = files?.get('/index.html');
  if (files === undefined || index === undefined) {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('The dashboard is not built: run npm run build\n'),
    );
    return;
  }
  app.get('/', async (_request, reply) => send(reply, index));
  for (const [path, file] of files) {
    app.get(path, async (_request, reply) => send(reply, file));
  }
}
