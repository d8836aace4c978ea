import os from 'node:os';
import { localMidnightMs } from '../core/local-time';
import { UploadAnswerSchema } from '../core/central-api';
import { percentile } from './machine';
import { TIME_ZONE, YEAR, makeVisits, unitIdOf } from './store-data';
import type { SeedTerminal } from './store-seed';
import { BENCH_ADMIN_TOKEN } from './store-server-process';

/** The store bench's measures over HTTP: report latencies, the CSV export, ingestion. */

export type Latency = { p50: number; p95: number; p99: number; max: number; requests: number };

const round1 = (x: number) => Math.round(x * 10) / 10;

export function latencyOf(ms: readonly number[]): Latency {
  return {
    p50: round1(percentile(ms, 50)),
    p95: round1(percentile(ms, 95)),
    p99: round1(percentile(ms, 99)),
    max: round1(Math.max(...ms)),
    requests: ms.length,
  };
}

export const load1 = (): number => Math.round(os.loadavg()[0]! * 100) / 100;

/** A local calendar year, and 7 days ending at an odd moment (its ends are partial hours). */
export const RANGES = {
  year: {
    from: new Date(localMidnightMs(`${YEAR}-01-01`, TIME_ZONE)).toISOString(),
    to: new Date(localMidnightMs(`${YEAR + 1}-01-01`, TIME_ZONE)).toISOString(),
  },
  week: { from: '2025-11-13T13:37:21.000Z', to: '2025-11-20T13:37:21.000Z' },
} as const;

export type RangeName = keyof typeof RANGES;

async function get(url: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const answer = await fetch(url, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  const body = await answer.text();
  const ms = performance.now() - started;
  if (answer.status !== 200) {
    throw new Error(`GET ${url}: ${answer.status} ${body.slice(0, 300)}`);
  }
  return { ms, body };
}

type Endpoint = { name: string; path: (unitId: string, range: string) => string };

export const ENDPOINTS: Endpoint[] = [
  { name: 'GET /v1/reports/units', path: (_, range) => `/v1/reports/units?${range}` },
  { name: 'GET /v1/reports/units/{id}', path: (id, range) => `/v1/reports/units/${id}?${range}` },
  {
    name: 'GET /v1/reports/units/{id}/questions',
    path: (id, range) => `/v1/reports/units/${id}/questions?${range}`,
  },
  {
    name: 'GET /v1/admin/summary?unitId=&questionId=overall',
    path: (id, range) => `/v1/admin/summary?unitId=${id}&questionId=overall&${range}`,
  },
  {
    name: 'GET /v1/admin/summary?questionId=overall (all units)',
    path: (_, range) => `/v1/admin/summary?questionId=overall&${range}`,
  },
];

export type ReportFigures = {
  endpoint: string;
  range: RangeName;
  latency: Latency;
  load: number;
};

function query(range: RangeName): string {
  const { from, to } = RANGES[range];
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

/** Every report over a year and over a week: `requests` after 5 warm-ups, one at a time. */
export async function measureReports(
  url: string,
  units: number,
  requests: number,
): Promise<{ figures: ReportFigures[]; yearTotal: unknown }> {
  const figures: ReportFigures[] = [];
  for (const endpoint of ENDPOINTS) {
    for (const range of ['year', 'week'] as const) {
      const load = load1();
      const ms: number[] = [];
      for (let i = -5; i < requests; i += 1) {
        const unitId = unitIdOf((((i + 5) * 37) % units) + 0);
        const { ms: took } = await get(`${url}${endpoint.path(unitId, query(range))}`);
        if (i >= 0) {
          ms.push(took);
        }
      }
      figures.push({ endpoint: endpoint.name, range, latency: latencyOf(ms), load });
    }
  }
  const { body } = await get(`${url}/v1/admin/summary?questionId=overall&${query('year')}`);
  return { figures, yearTotal: JSON.parse(body) };
}

export type CsvFigures = {
  units: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  perUnit: { unitId: string; rows: number; seconds: number; rowsPerSecond: number }[];
  load: number;
};

/** The CSV of a unit's year, for a few units one after another, streamed and counted. */
export async function measureCsv(url: string, units: number, count = 3): Promise<CsvFigures> {
  const load = load1();
  const perUnit: CsvFigures['perUnit'] = [];
  for (let i = 0; i < count; i += 1) {
    const unitId = unitIdOf((i * 53) % units);
    const started = performance.now();
    const answer = await fetch(`${url}/v1/admin/responses.csv?unitId=${unitId}&${query('year')}`, {
      headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    });
    if (answer.status !== 200 || answer.body === null) {
      throw new Error(`CSV of ${unitId}: ${answer.status}`);
    }
    let lines = 0;
    for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) {
        if (byte === 10) {
          lines += 1;
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = lines - 1;
    perUnit.push({
      unitId,
      rows,
      seconds: round1(seconds * 100) / 100,
      rowsPerSecond: Math.round(rows / seconds),
    });
  }
  const rows = perUnit.reduce((a, b) => a + b.rows, 0);
  const seconds = perUnit.reduce((a, b) => a + b.seconds, 0);
  return {
    units: count,
    rows,
    seconds: round1(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    perUnit,
    load,
  };
}

export type IngestPhase = {
  answers: number;
  seconds: number;
  answersPerSecond: number;
  batch: Latency;
  load: number;
};

export type IngestFigures = {
  clients: number;
  batchSize: number;
  batchesPerClient: number;
  idle: IngestPhase;
  underReports: IngestPhase & { reports: Latency };
  /** p99 of an upload while reports run / p99 idle. */
  p99Ratio: number;
};

/**
 * CLIENTS distinct terminals upload fresh answers (January after the seeded year) in batches
 * of 500, each waiting for its answer before the next, as the sync engine does: first alone,
 * then while one client asks for the all-units report of the year in a loop.
 */
export async function measureIngestion(
  url: string,
  terminals: readonly SeedTerminal[],
  clients: number,
  batchesPerClient: number,
  batchSize = 500,
): Promise<IngestFigures> {
  const warmup = 2;
  const perClient = warmup + 2 * batchesPerClient;
  const start = localMidnightMs(`${YEAR + 1}-01-05`, TIME_ZONE);
  const chosen = Array.from(
    { length: clients },
    (_, c) => terminals[Math.floor((c * terminals.length) / clients)]!,
  );
  const bodies = chosen.map((_, c) => {
    let seed = c + 1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const answers = makeVisits(perClient * batchSize, start, 20 * 86_400_000, [0], rand, null);
    return Array.from({ length: perClient }, (_, b) =>
      JSON.stringify({
        responses: answers.slice(b * batchSize, (b + 1) * batchSize).map((a) => a.response),
      }),
    );
  });
  const upload = async (c: number, from: number, to: number, latencies: number[] | null) => {
    let accepted = 0;
    for (let b = from; b < to; b += 1) {
      const started = performance.now();
      const answer = await fetch(`${url}/v1/terminal/responses`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${chosen[c]!.token}`,
          'content-type': 'application/json',
        },
        body: bodies[c]![b]!,
      });
      const lists = UploadAnswerSchema.parse(await answer.json());
      latencies?.push(performance.now() - started);
      accepted += lists.accepted.length;
      if (lists.rejected.length > 0) {
        throw new Error(`rejected: ${JSON.stringify(lists.rejected[0])}`);
      }
    }
    return accepted;
  };
  const phase = async (from: number, to: number): Promise<IngestPhase> => {
    const load = load1();
    const latencies: number[] = [];
    const started = performance.now();
    const accepted = await Promise.all(chosen.map((_, c) => upload(c, from, to, latencies)));
    const seconds = (performance.now() - started) / 1000;
    const answers = accepted.reduce((a, b) => a + b, 0);
    if (answers !== clients * (to - from) * batchSize) {
      throw new Error(`${clients * (to - from) * batchSize} sent, ${answers} accepted`);
    }
    return {
      answers,
      seconds: round1(seconds * 100) / 100,
      answersPerSecond: Math.round(answers / seconds),
      batch: latencyOf(latencies),
      load,
    };
  };
  await Promise.all(chosen.map((_, c) => upload(c, 0, warmup, null)));
  const idle = await phase(warmup, warmup + batchesPerClient);
  let uploading = true;
  const reportMs: number[] = [];
  const reports = (async () => {
    while (uploading) {
      reportMs.push((await get(`${url}/v1/reports/units?${query('year')}`)).ms);
    }
  })();
  const loaded = await phase(warmup + batchesPerClient, perClient).finally(() => {
    uploading = false;
  });
  await reports;
  return {
    clients,
    batchSize,
    batchesPerClient,
    idle,
    underReports: { ...loaded, reports: latencyOf(reportMs) },
    p99Ratio: Math.round((loaded.batch.p99 / idle.batch.p99) * 100) / 100,
  };
}
