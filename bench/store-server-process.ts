import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CENTRAL_NODE_FLAGS } from '../node/central-flags';

/**
 * The reference server as a child process (bench/store-server.ts), so its memory figures
 * (/proc/PID/status VmHWM) are the server's alone, not the bench's.
 */

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export type ServerProcess = {
  url: string;
  pid: number;
  /** Milliseconds from spawn to `central api ready`. */
  startMs: number;
  /** Resident set now and its peak, in bytes. */
  memory(): Promise<{ rss: number; peak: number }>;
  stop(): Promise<void>;
};

export async function startServerProcess(
  dataDir: string,
  databaseUrl: string | undefined,
  logFile: string,
): Promise<ServerProcess> {
  const started = performance.now();
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...CENTRAL_NODE_FLAGS,
      '--import',
      'tsx',
      join(import.meta.dirname, 'store-server.ts'),
      '--data-dir',
      dataDir,
      ...(databaseUrl === undefined ? [] : ['--database', databaseUrl]),
    ],
    {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, HYMY_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, HYMY_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', log],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /central api ready (\S+)/.exec(out);
      if (found) {
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}); see ${logFile}`)));
  });
  const startMs = performance.now() - started;
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid,
    startMs,
    async memory() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]);
      return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
