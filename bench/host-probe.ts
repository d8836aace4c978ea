import { writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { WebSocket } from 'ws';

/**
 * Loaded into a browser host by bench/side-by-side.ts (`node --import tsx --import this`) when
 * HYMY_BENCH_HOST_PROBE names a file: times every `write()` and `datasync()` the host's file
 * handles make (the journal's, as nothing else in the host syncs per answer), and each
 * `journal:append` call from its frame's arrival on the bridge socket to its answer being sent,
 * and writes the durations there as JSON when the host exits. Bench only, never in the product.
 */

type Timed = 'write' | 'datasync' | 'journalCall';

const out = process.env.HYMY_BENCH_HOST_PROBE;
if (out !== undefined && out !== '') {
  const times: Record<Timed, number[]> = { write: [], datasync: [], journalCall: [] };

  const sample = await open(process.execPath, 'r');
  const proto = Object.getPrototypeOf(sample) as FileHandle;
  await sample.close();
  for (const name of ['write', 'datasync'] as const) {
    const native = Object.getOwnPropertyDescriptor(proto, name)!.value as (
      this: FileHandle,
      ...args: unknown[]
    ) => Promise<unknown>;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: async function timed(this: FileHandle, ...args: unknown[]): Promise<unknown> {
        const started = performance.now();
        try {
          return await native.apply(this, args);
        } finally {
          times[name].push(performance.now() - started);
        }
      },
    });
  }

  // The bridge's frames: a `journal:append` call arriving, and the result sent for its id.
  const arrived = new Map<number, number>();
  const nativeEmit = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(WebSocket.prototype),
    'emit',
  )!.value as (this: WebSocket, event: string | symbol, ...args: unknown[]) => boolean;
  WebSocket.prototype.emit = function emit(
    this: WebSocket,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === 'message' && Buffer.isBuffer(args[0])) {
      const text = args[0].toString('utf8');
      if (text.includes('"journal:append"')) {
        arrived.set((JSON.parse(text) as { id: number }).id, performance.now());
      }
    }
    return nativeEmit.call(this, event, ...args);
  };
  const nativeSend = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'send')!.value as (
    this: WebSocket,
    ...args: unknown[]
  ) => void;
  WebSocket.prototype.send = function send(this: WebSocket, ...args: unknown[]): void {
    const data = args[0];
    if (arrived.size > 0 && typeof data === 'string' && data.startsWith('{"t":"result"')) {
      const id = (JSON.parse(data) as { id: number }).id;
      const at = arrived.get(id);
      if (at !== undefined) {
        times.journalCall.push(performance.now() - at);
        arrived.delete(id);
      }
    }
    nativeSend.apply(this, args);
  };

  process.on('exit', () => {
    writeFileSync(out, JSON.stringify(times));
  });
}
