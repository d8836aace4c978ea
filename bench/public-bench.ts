import { join } from 'node:path';
import { UnitsReportSchema } from '../core/reports-api';
import { describeMachine } from './machine';
import { roundTrips } from './round-trips';
import { STORE_ANSWERS, STORE_DIR } from './store-bench';
import { YEAR } from './store-data';
import { ensureSeed } from './store-seed';
import { BENCH_ADMIN_TOKEN, startServerProcess } from './store-server-process';

/**
 * The public results' and the unit PDFs' bench (`npm run bench -- --only public`): on the
 * county's year (the store bench's SQLite seed, 10M answers in 2025 by default), the unit with
 * the most answers is published, and the round trip over loopback is timed for what citizens
 * ask (the JSON and the page over the seed's last 13 weeks and its whole year; the page again
 * with its ETag, as a browser revisits) and for the PDFs a manager asks for (the wall poster and
 * the month's report of the seed's November, each through headless Chromium). 25 each after
 * one warm-up; 5 for the PDFs.
 */

const RUNS = 25;
const PDF_RUNS = 5;

export type PublicRequestFigures = {
  request: string;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
  status: number;
};
export type PublicBenchResult = {
  date: string;
  machine: string;
  answers: number;
  unitAnswersPerYear: number;
  requests: PublicRequestFigures[];
};

type Sent = { ms: number; bytes: number; status: number; etag: string | null };

async function get(url: string, headers: Record<string, string> = {}): Promise<Sent> {
  const start = performance.now();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, ...headers },
  });
  const body = new Uint8Array(await response.arrayBuffer());
  const ms = performance.now() - start;
  if (response.status >= 400) {
    throw new Error(`GET ${url}: ${response.status} ${new TextDecoder().decode(body)}`);
  }
  return {
    ms,
    bytes: body.byteLength,
    status: response.status,
    etag: response.headers.get('etag'),
  };
}

async function timed(
  name: string,
  ask: () => Promise<Sent>,
  runs = RUNS,
): Promise<PublicRequestFigures> {
  const { first, p50Ms, p95Ms } = await roundTrips(ask, runs);
  return { request: name, p50Ms, p95Ms, bytes: first.bytes, status: first.status };
}

export async function benchPublic(): Promise<PublicBenchResult> {
  const answers = STORE_ANSWERS;
  const dataDir = join(STORE_DIR, `sqlite-${answers}`);
  await ensureSeed({ engine: 'sqlite', dataDir }, answers, (line) => console.log(line));
  const server = await startServerProcess(
    dataDir,
    undefined,
    join(dataDir, 'public-bench-server.log'),
  );
  try {
    // The seed's year, in whole ISO weeks (Helsinki): 30 Dec 2024 to 29 Dec 2025.
    const yearFrom = `${YEAR - 1}-12-30T00:00:00%2B02:00`;
    const yearTo = `${YEAR}-12-29T00:00:00%2B02:00`;
    const quarterFrom = `${YEAR}-09-29T00:00:00%2B03:00`;
    const units = UnitsReportSchema.parse(
      await (
        await fetch(`${server.url}/v1/reports/units?from=${yearFrom}&to=${yearTo}`, {
          headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
        })
      ).json(),
    );
    const biggest = [...units].sort((a, b) => b.n - a.n)[0];
    if (biggest === undefined) {
      throw new Error('the seed holds no unit');
    }
    const unit = encodeURIComponent(biggest.unitId);
    const published = await fetch(`${server.url}/v1/admin/units/${unit}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ public: true }),
    });
    if (!published.ok) {
      throw new Error(`publishing ${biggest.unitId}: ${published.status}`);
    }
    const year = `?from=${yearFrom}&to=${yearTo}`;
    const quarter = `?from=${quarterFrom}&to=${yearTo}`;
    const json = `${server.url}/public/v1/units/${unit}`;
    const page = `${server.url}/public/units/${unit}`;
    const etag = (await get(`${page}${quarter}&lang=fi`)).etag;
    const month = `${YEAR}-11`;
    const reports = `${server.url}/v1/reports/units/${unit}`;
    const requests = [
      await timed('public JSON, 13 weeks', () => get(`${json}${quarter}`)),
      await timed('public JSON, a year', () => get(`${json}${year}`)),
      await timed('public page, 13 weeks', () => get(`${page}${quarter}&lang=fi`)),
      await timed('public page, a year', () => get(`${page}${year}&lang=fi`)),
      await timed('public page, 13 weeks, revisited (If-None-Match)', () =>
        get(`${page}${quarter}&lang=fi`, etag === null ? {} : { 'if-none-match': etag }),
      ),
      await timed('wall poster PDF', () => get(`${reports}/poster.pdf?month=${month}`), PDF_RUNS),
      await timed('monthly report PDF', () => get(`${reports}/month.pdf?month=${month}`), PDF_RUNS),
    ];
    return {
      date: new Date().toISOString(),
      machine: describeMachine(),
      answers,
      unitAnswersPerYear: biggest.n,
      requests,
    };
  } finally {
    await server.stop();
  }
}

export function publicRows(result: PublicBenchResult): string[][] {
  return result.requests.map((r) => [
    `${r.request}: the busiest unit (${result.unitAnswersPerYear.toLocaleString('en')} answers a year), ${result.answers.toLocaleString('en')} in all; ${r.bytes.toLocaleString('en')} bytes, status ${r.status}`,
    `p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms`,
    r.request.includes('PDF') ? '≤ 5 s' : '≤ 200 ms',
  ]);
}
