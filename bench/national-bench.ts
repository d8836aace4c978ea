import { join } from 'node:path';
import { localMidnightMs } from '../core/local-time';
import { describeMachine } from './machine';
import { STORE_ANSWERS, STORE_DIR } from './store-bench';
import { TIME_ZONE, YEAR } from './store-data';
import { ensureSeed } from './store-seed';
import { BENCH_ADMIN_TOKEN, startServerProcess } from './store-server-process';

/**
 * The national export's bench (`npm run bench -- --only national`): the seed's year (the store
 * bench's SQLite seed, 10M answers by default) as `GET /v1/exports/national.csv` and its JSON
 * twin over loopback, read to the last byte as fast as the client can: rows, bytes, time to
 * the first and the last byte, and the server's peak resident set (its own process).
 */

export type NationalDownload = {
  format: 'csv' | 'json';
  rows: number;
  bytes: number;
  firstByteS: number;
  seconds: number;
  /** The server's resident set before the export and its peak since it started, in MiB. */
  rssBeforeMiB: number;
  peakRssMiB: number;
};

export type NationalBenchResult = {
  date: string;
  machine: string;
  answers: number;
  from: string;
  to: string;
  downloads: NationalDownload[];
};

const MIB = 1024 * 1024;

async function download(
  url: string,
): Promise<{ bytes: number; lines: number; firstByteMs: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  if (!response.ok || response.body === null) {
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  let firstByteMs = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    if (bytes === 0) {
      firstByteMs = performance.now() - start;
    }
    bytes += chunk.byteLength;
    for (const byte of chunk) {
      if (byte === 0x0a) {
        lines += 1;
      }
    }
  }
  return { bytes, lines, firstByteMs, ms: performance.now() - start };
}

export async function benchNational(): Promise<NationalBenchResult> {
  const answers = STORE_ANSWERS;
  const dataDir = join(STORE_DIR, `sqlite-${answers}`);
  await ensureSeed({ engine: 'sqlite', dataDir }, answers, (line) => console.log(line));
  const from = new Date(localMidnightMs(`${YEAR}-01-01`, TIME_ZONE)).toISOString();
  const to = new Date(localMidnightMs(`${YEAR + 1}-01-01`, TIME_ZONE)).toISOString();
  const downloads: NationalDownload[] = [];
  // A server of its own for each format: its peak resident set is that export's.
  for (const format of ['csv', 'json'] as const) {
    const server = await startServerProcess(
      dataDir,
      undefined,
      join(dataDir, 'national-bench-server.log'),
    );
    try {
      const before = await server.memory();
      const url = `${server.url}/v1/exports/national.${format}?from=${from}&to=${to}`;
      const got = await download(url);
      const after = await server.memory();
      // The twin has the CSV's rows (the tests check it); CSV runs first and counts them.
      const rows = format === 'csv' ? got.lines - 1 : (downloads[0]?.rows ?? 0);
      downloads.push({
        format,
        rows,
        bytes: got.bytes,
        firstByteS: Math.round(got.firstByteMs) / 1000,
        seconds: Math.round(got.ms) / 1000,
        rssBeforeMiB: Math.round(before.rss / MIB),
        peakRssMiB: Math.round(after.peak / MIB),
      });
      console.log(`national.${format}: ${JSON.stringify(downloads.at(-1))}`);
    } finally {
      await server.stop();
    }
  }
  return {
    date: new Date().toISOString(),
    machine: describeMachine(),
    answers,
    from,
    to,
    downloads,
  };
}

export function nationalRows(result: NationalBenchResult): string[][] {
  return result.downloads.map((d) => [
    `GET /v1/exports/national.${d.format}, a year (${YEAR}) of ${result.answers.toLocaleString('en')} answers: ${d.rows.toLocaleString('en')} rows, ${(d.bytes / MIB).toFixed(1)} MiB`,
    `${d.seconds.toFixed(1)} s (first byte ${d.firstByteS.toFixed(1)} s), server peak RSS ${d.peakRssMiB} MiB (${d.rssBeforeMiB} MiB before)`,
    '',
  ]);
}
