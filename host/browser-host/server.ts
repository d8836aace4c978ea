import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createLogger, errorCode, type Logger } from '../log';
import type { HostServices } from '../services-types';
import type { BridgeSocket } from './bridge-socket';
import {
  isAllowedHost,
  kioskOrigin,
  LOOPBACK_HOST,
  refuseUpgrade,
  securityHeaders,
} from './http-security';
import { createLaunchTokens } from './launch-tokens';
import { createStaticFiles } from './static-files';

/**
 * The kiosk's local store (IndexedDB) belongs to the page's origin, port included: the kiosk must
 * come back on this same port after every restart, or the unsent answers stay behind in the old
 * origin. It sits below the ephemeral ranges (Linux 32768–60999, Windows 49152–65535), so an
 * outgoing connection can never be holding it when the kiosk restarts.
 */
export const DEFAULT_KIOSK_PORT = 27182;

/** Where the one-time addresses of `launchUrl()` live; the token follows. */
export const LAUNCH_PATH = '/launch/';

export type BrowserHostOptions = {
  /** 0 picks a free port (tests); a terminal uses DEFAULT_KIOSK_PORT. */
  port: number;
  /**
   * The services behind the bridge. A promise lets the caller start serving (and print
   * `kiosk ready`) while the services and their schemas still load; bridge upgrades wait for it.
   */
  services: HostServices | Promise<HostServices>;
  /** The built UI, normally `dist/renderer`. */
  rendererDir: string;
  logger?: Logger;
  /** The clock the one-time addresses and the unheard presses expire by. */
  now?: () => number;
};

export type BrowserHost = {
  /**
   * `http://127.0.0.1:PORT/#k=<secret>`, the `kiosk ready` URL: whoever holds it can open the
   * bridge, so it is kept like a key.
   */
  url: string;
  /**
   * A fresh one-time address for a browser that is started with it on its command line: used
   * once, within LAUNCH_TOKEN_TTL_MS, it redirects to `url`; later it opens nothing.
   */
  launchUrl: () => string;
  origin: string;
  port: number;
  close(): Promise<void>;
};

/** Why the server could not listen; the CLI turns it into a message and exit code 1. */
export class BrowserHostListenError extends Error {
  constructor(
    readonly code: 'port_in_use' | 'listen_failed',
    readonly port: number,
    cause: unknown,
  ) {
    super(
      code === 'port_in_use'
        ? `port ${port} on ${LOOPBACK_HOST} is already in use`
        : `cannot listen on ${LOOPBACK_HOST}:${port} (${errorCode(cause)})`,
      { cause },
    );
    this.name = 'BrowserHostListenError';
  }
}

/** Sends a one-time address on to the kiosk page, or refuses it (`to` null) in plain words. */
function answerLaunch(response: ServerResponse, to: string | null): void {
  const body =
    to === null
      ? 'This kiosk address has already been used or has expired.\n' +
        'Restart the kiosk service to open the kiosk again.\n'
      : '';
  response.writeHead(to === null ? 403 : 303, {
    ...securityHeaders(),
    ...(to === null ? {} : { Location: to }),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The redirect holds the secret: neither answer is ever kept in a cache.
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }): void => {
      server.off('listening', onListening);
      const code = error.code === 'EADDRINUSE' ? 'port_in_use' : 'listen_failed';
      reject(new BrowserHostListenError(code, port, error));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // exclusive: never share the port with another process through the cluster module.
    server.listen({ host: LOOPBACK_HOST, port, exclusive: true });
  });
}

/** Starts the browser host: the built UI and its bridge on 127.0.0.1 only. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const logger = (options.logger ?? createLogger()).with({ room: 'browser-host' });
  // A fresh secret every launch: a page from an earlier launch (or anything that read an old
  // URL) cannot open the bridge. It travels in the fragment, which is never sent in a request.
  const secret = randomBytes(32).toString('base64url');
  let port = options.port;
  // Before any await: the services promise gets its handlers at once (no unhandled rejection).
  // The bridge module brings zod and ws; loading it beside the listen keeps the cold start short.
  const bridgeReady: Promise<BridgeSocket> = Promise.all([
    import('./bridge-socket'),
    options.services,
  ]).then(([{ createBridgeSocket }, services]) =>
    createBridgeSocket({
      services,
      secret,
      port: () => port,
      logger,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  bridgeReady.catch((error: unknown) =>
    logger.error('bridge_unavailable', { code: errorCode(error) }),
  );

  const staticFiles = await createStaticFiles(options.rendererDir);
  const launchTokens = createLaunchTokens(options.now ? { now: options.now } : {});

  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      logger.warn('http_refused', { reason: 'host' });
      response.writeHead(403, {
        ...securityHeaders(),
        'Content-Type': 'text/plain; charset=utf-8',
      });
      response.end('Forbidden\n');
      return;
    }
    const path = request.url ?? '/';
    if (request.method === 'GET' && path.startsWith(LAUNCH_PATH)) {
      const redeemed = launchTokens.redeem(path.slice(LAUNCH_PATH.length));
      if (redeemed.ok) {
        logger.info('launch_token_accepted');
        // The absolute kiosk URL, whatever Host the request named: the store is its origin's.
        answerLaunch(response, `${kioskOrigin(port)}/#k=${secret}`);
      } else {
        // If the kiosk's own browser is refused, someone who read its command line came first.
        logger.warn('launch_token_refused', { reason: redeemed.reason });
        answerLaunch(response, null);
      }
      return;
    }
    staticFiles.handle(request, response).catch((error: unknown) => {
      logger.error('http_failed', { code: errorCode(error) });
      if (!response.headersSent) {
        response.writeHead(500, securityHeaders());
      }
      response.end();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    bridgeReady.then(
      (ready) => ready.handleUpgrade(request, socket, head),
      () => refuseUpgrade(socket, 503),
    );
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    } else {
      socket.destroy();
    }
  });

  try {
    port = await listen(server, options.port);
  } catch (error) {
    // Nothing will ever connect: let go of the services' events the bridge subscribed to.
    await bridgeReady.then(
      (bridge) => bridge.close(),
      () => undefined,
    );
    throw error;
  }
  const origin = kioskOrigin(port);
  logger.info('browser_host_listening', { port });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#k=${secret}`,
    launchUrl: () => `${origin}${LAUNCH_PATH}${launchTokens.issue()}`,
    origin,
    port,
    close() {
      closing ??= (async () => {
        await bridgeReady.then(
          (bridge) => bridge.close(),
          () => undefined,
        );
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive HTTP connections would hold close() open; the kiosk is going away.
          for (const socket of sockets) {
            socket.destroy();
          }
        });
        logger.info('browser_host_closed', { port });
      })();
      return closing;
    },
  };
}
