import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentTypeFor, securityHeaders } from './http-security';

/**
 * Serves the built UI (`dist/renderer`) read-only. Whatever the path says, only regular files
 * inside the renderer dir are ever read: `..`, encoded `%2e%2e` or `%2f`, and symlinks that
 * lead out all end in 404.
 */

export type StaticFiles = {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
};

type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 404 };

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + sep);
}

async function resolveFile(root: string, rawUrl: string): Promise<Resolved> {
  let pathname: string;
  try {
    // The URL parser resolves dot segments (also %2e%2e); decoding comes after, so an encoded
    // slash that decodes into `../` is caught by the containment check below.
    pathname = decodeURIComponent(new URL(rawUrl, 'http://kiosk.invalid').pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) {
    return { ok: false, status: 404 };
  }
  const wanted = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const candidate = resolve(root, `.${wanted}`);
  if (!isInside(root, candidate)) {
    return { ok: false, status: 404 };
  }
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real) || !(await stat(real)).isFile()) {
      return { ok: false, status: 404 };
    }
    return { ok: true, file: real };
  } catch {
    return { ok: false, status: 404 };
  }
}

function sendPlain(response: ServerResponse, status: number, body: string, head: boolean): void {
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(head ? undefined : body);
}

export async function createStaticFiles(rendererDir: string): Promise<StaticFiles> {
  // Resolve the root once (it may itself be a symlink) so the containment checks compare like
  // with like. A missing dir is not fatal: every page is then a 404 until the UI is built.
  const root = await realpath(rendererDir).catch(() => resolve(rendererDir));

  return {
    async handle(request, response) {
      const method = request.method ?? 'GET';
      const head = method === 'HEAD';
      if (method !== 'GET' && !head) {
        response.setHeader('Allow', 'GET, HEAD');
        sendPlain(response, 405, 'Method not allowed\n', false);
        return;
      }
      const resolved = await resolveFile(root, request.url ?? '/');
      if (!resolved.ok) {
        sendPlain(
          response,
          resolved.status,
          resolved.status === 400 ? 'Bad request\n' : 'Not found\n',
          head,
        );
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(resolved.file);
      } catch {
        sendPlain(response, 404, 'Not found\n', head);
        return;
      }
      const type = contentTypeFor(extname(resolved.file));
      response.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': type,
        'Content-Length': body.length,
        // A new build must show at once after a restart: the page is never cached. Assets are
        // revalidated; on loopback that costs nothing worth saving.
        'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
      });
      response.end(head ? undefined : body);
    },
  };
}
