import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TerminalConfigInput } from '../core/terminal-config';
import type { Fetch } from './central-http';

/**
 * A stand-in central API for the host's tests: a real HTTP server on loopback whose answers the
 * test writes, as central-api.md says they may be, or as a hostile server would send them.
 */

export type SeenRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

export type Answer = (request: SeenRequest, response: http.ServerResponse) => void;

export type FakeCentral = {
  /** The API base URL (with a path prefix, as a real deployment behind a proxy may have). */
  url: string;
  /** Every request so far, in order. */
  requests: SeenRequest[];
  /** Changes how the following requests are answered. */
  answer(next: Answer): void;
  close(): Promise<void>;
};

export const API_PREFIX_PATH = '/hymy';

export async function startFakeCentral(first: Answer): Promise<FakeCentral> {
  let current = first;
  const requests: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const seen: SeenRequest = {
        method: request.method ?? '',
        path: (request.url ?? '').replace(API_PREFIX_PATH, ''),
        headers: request.headers,
        body,
      };
      requests.push(seen);
      current(seen, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${API_PREFIX_PATH}`,
    requests,
    answer(next) {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        // Stalled answers hold their sockets open; a test's end ends them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens: a port that was free a moment ago. */
export async function deadApiUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function sendError(
  response: http.ServerResponse,
  status: number,
  code: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { code, message: `${code} (test)` } }, headers);
}

/** An answer that never ends: a chunk at a time for as long as the client keeps reading. */
export function sendEndless(response: http.ServerResponse, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  const chunk = `[${'"x",'.repeat(16_383)}`;
  const more = (): void => {
    while (!response.destroyed && response.write(chunk)) {
      // Keep writing until the socket's buffer is full, then wait for it to drain.
    }
    if (!response.destroyed) {
      response.once('drain', more);
    }
  };
  more();
}

/** A fetch whose calls give up after `ms`, so a test of a stalled server does not wait 15 s. */
export function fetchWithTimeout(ms: number): Fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(ms) });
}

export function sampleConfig(terminalId: string, surveyVersion = 1): TerminalConfigInput {
  return {
    terminalId,
    unit: {
      id: 'khks-lapset',
      name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    },
    survey: {
      id: 'visit-smiley',
      version: surveyVersion,
      questions: [{ id: 'overall', scale: 'smiley4' }],
    },
  };
}

export const SAMPLE_TOKEN = 'tok_0123456789abcdefghijklmnop';

export function sampleEnrollAnswer(terminalId = 't_01JDTEST') {
  return { terminalId, token: SAMPLE_TOKEN, config: sampleConfig(terminalId) };
}
