import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A bad network between a terminal and its central API, on loopback. Each request is handled by
 * the fault at the head of the queue (then `pass` once the queue is empty):
 * - `pass`: forwarded as it is;
 * - `unavailable`: answered 503 with `Retry-After` and never forwarded;
 * - `cut_after_commit`: forwarded, the server's answer read in full, then the terminal's
 *   connection destroyed without a byte of it: the server took the batch, the terminal never
 *   heard so;
 * - `stall`: read and never answered, nor forwarded.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'unavailable'; retryAfterS: number }
  | { kind: 'cut_after_commit' }
  | { kind: 'stall' };

export type SeenRequest = { method: string; path: string; fault: Fault['kind']; body: string };

/** A made-up answer for every request to one path (a server that sends what it should not). */
export type ForgedAnswer = { status: number; headers?: Record<string, string>; body: string };

export type FaultProxy = {
  url: string;
  /** Faults for the next requests, in order. */
  queue(...faults: Fault[]): void;
  /** From now on, requests to `path` (without its query) get `answer`; null: forwarded again. */
  forge(path: string, answer: ForgedAnswer | null): void;
  /** Every request that reached the proxy, with the fault it met. */
  seen(): SeenRequest[];
  close(): Promise<void>;
};

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function forward(
  target: URL,
  incoming: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        readBody(answer).then(
          (answerBody) =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: answerBody,
            }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const faults: Fault[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const forged = new Map<string, ForgedAnswer>();

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const body = await readBody(incoming);
    const forgedAnswer = forged.get((incoming.url ?? '').split('?')[0] ?? '');
    if (forgedAnswer) {
      outgoing.writeHead(forgedAnswer.status, {
        'content-type': 'application/json',
        ...forgedAnswer.headers,
      });
      outgoing.end(forgedAnswer.body);
      return;
    }
    const fault = faults.shift() ?? { kind: 'pass' };
    seen.push({
      method: incoming.method ?? '',
      path: incoming.url ?? '',
      fault: fault.kind,
      body: body.toString('utf8'),
    });
    if (fault.kind === 'stall') {
      return;
    }
    if (fault.kind === 'unavailable') {
      outgoing.writeHead(503, {
        'content-type': 'application/json',
        'retry-after': String(fault.retryAfterS),
      });
      outgoing.end(JSON.stringify({ error: { code: 'unavailable', message: 'try later' } }));
      return;
    }
    const answer = await forward(target, incoming, body);
    if (fault.kind === 'cut_after_commit') {
      incoming.socket.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    outgoing.writeHead(answer.status, headers);
    outgoing.end(answer.body);
  };

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => {
      incoming.socket.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    queue: (...next) => {
      faults.push(...next);
    },
    forge: (path, answer) => {
      if (answer) {
        forged.set(path, answer);
      } else {
        forged.delete(path);
      }
    },
    seen: () => [...seen],
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
