import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  securityHeaders,
} from '../host/browser-host/http-security';
import { KIOSK_ORIGIN } from './security';

/**
 * The kiosk's pages come from `app://kiosk/`, served out of `dist/renderer`. A fixed custom
 * origin instead of `file://` gives the page a real origin: IndexedDB is kept per origin, so
 * this one name is where the unsent answers live, on every start, for the life of the terminal.
 */
export const APP_SCHEME = 'app';
const KIOSK_HOST = new URL(KIOSK_ORIGIN).host;

/**
 * The browser host's headers, CSP first (our own files only, nothing inline, no frames): one
 * policy for the kiosk page whichever host serves it.
 */
export const KIOSK_CSP = CONTENT_SECURITY_POLICY;
export const SECURITY_HEADERS: Readonly<Record<string, string>> = securityHeaders();

/** The same types as the browser host: with `nosniff` a wrong one is fatal to a module script. */
export function contentTypeOf(filePath: string): string {
  return contentTypeFor(path.extname(filePath));
}

export type AppRequestResolution = { kind: 'file'; path: string } | { kind: 'not_found' };

/**
 * Which file under `root` an `app://` URL names, or none. Pure, so the table test covers it:
 * other hosts, undecodable paths and anything that would leave `root` are all "not found".
 */
export function resolveAppRequest(url: string, root: string): AppRequestResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not_found' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== KIOSK_HOST) {
    return { kind: 'not_found' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'not_found' };
  }
  if (pathname === '' || pathname === '/') {
    pathname = '/index.html';
  }
  // An encoded `..`, `/` or `\` survives URL normalisation and appears only after decoding, so
  // the check is made on the resolved file path, against the root.
  if (pathname.includes('\0')) {
    return { kind: 'not_found' };
  }
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { kind: 'not_found' };
  }
  return { kind: 'file', path: file };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The `protocol.handle` handler: a file under `root` with the kiosk's headers, else 404. */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed');
    }
    const resolution = resolveAppRequest(request.url, root);
    if (resolution.kind === 'not_found') {
      return textResponse(404, 'Not found');
    }
    let body: Buffer;
    try {
      body = await readFile(resolution.path);
    } catch {
      // Missing file, a directory, or unreadable: all the same to the page.
      return textResponse(404, 'Not found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(resolution.path) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers,
    });
  };
}

/**
 * Before ready. `standard` gives `app://kiosk` a real host and origin (relative URLs, and the
 * storage kept under that origin); `secure` makes it a secure context like https, which
 * IndexedDB persistence and modern APIs expect. `corsEnabled` stays off: nothing else may read it.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After ready: serve `root` (the built renderer) on the scheme. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
