import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The browser host's HTTP trust rules, as pure functions so a table test can pin them down.
 * The kiosk page is the only client meant to reach this server; everything else on the machine
 * (other pages in other browsers, other local users) is treated as hostile.
 */

/** Loopback only: the kiosk and its bridge are never reachable from the network. */
export const LOOPBACK_HOST = '127.0.0.1';

/**
 * `'self'` covers `ws://` to the page's own host and port in Chromium (CSP Level 3 matches the
 * ws/wss schemes for 'self'), so the bridge needs no extra source here. `'wasm-unsafe-eval'`
 * lets the page compile WebAssembly, and nothing else (no `eval`, no `new Function`): libsodium's
 * ESM build, which seals contact requests (renderer/kiosk/contact-seal.ts), is WebAssembly only,
 * with no pure-JS fallback.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response, pages, assets and errors alike. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** The origin the kiosk page runs on; the one origin the bridge accepts. */
export function kioskOrigin(port: number): string {
  return `http://${LOOPBACK_HOST}:${port}`;
}

/**
 * A request must name this server in its Host header: a page on another site that points its
 * own DNS name at 127.0.0.1 (DNS rebinding) sends that name, and is refused.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) {
    return false;
  }
  const host = hostHeader.toLowerCase();
  return host === `${LOOPBACK_HOST}:${port}` || host === `localhost:${port}`;
}

/** Only the kiosk's own page may open the bridge: the exact origin, nothing like it. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === kioskOrigin(port);
}

/** Answers a WebSocket upgrade with a bare HTTP status and hangs up: no socket is opened. */
export function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 503): void {
  const reason = STATUS_CODES[status] ?? 'Refused';
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The subprotocols a client offered (`Sec-WebSocket-Protocol`, comma separated). */
export function offeredProtocols(header: string | undefined): string[] {
  if (header === undefined) {
    return [];
  }
  return header
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file extension (lower case, with the dot). */
export function contentTypeFor(extension: string): string {
  return CONTENT_TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}
