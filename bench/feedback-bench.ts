import { join } from 'node:path';
import { FeedbackListSchema } from '../core/feedback-api';
import { describeMachine } from './machine';
import { roundTrips } from './round-trips';
import { STORE_ANSWERS, STORE_DIR } from './store-bench';
import { ensureSeed } from './store-seed';
import { BENCH_ADMIN_TOKEN, startServerProcess } from './store-server-process';

/**
 * The inbox's bench (`npm run bench -- --only feedback`): on the county's year (the store
 * bench's SQLite seed, 10M answers by default, whose comments became feedback items in schema
 * step 9), the round trip of the inbox's requests over loopback, as the dashboard asks them:
 * every unit's newest 200, one unit's, one unit's new ones, one question's one value, the next
 * page, and marking an item read. 25 each after one warm-up.
 */

const RUNS = 25;

export type FeedbackRequestFigures = {
  request: string;
  p50Ms: number;
  p95Ms: number;
  items: number;
};
export type FeedbackBenchResult = {
  date: string;
  machine: string;
  answers: number;
  items: number;
  requests: FeedbackRequestFigures[];
};

async function call(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ms: number; json: unknown }> {
  const start = performance.now();
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as unknown;
  const ms = performance.now() - start;
  if (!response.ok) {
    throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  }
  return { ms, json };
}

async function timed(
  name: string,
  ask: () => Promise<{ ms: number; json: unknown }>,
): Promise<FeedbackRequestFigures> {
  const { first, p50Ms, p95Ms } = await roundTrips(ask, RUNS);
  const items = Array.isArray(first.json) ? first.json.length : 1;
  return { request: name, p50Ms, p95Ms, items };
}

export async function benchFeedback(): Promise<FeedbackBenchResult> {
  const answers = STORE_ANSWERS;
  const dataDir = join(STORE_DIR, `sqlite-${answers}`);
  await ensureSeed({ engine: 'sqlite', dataDir }, answers, (line) => console.log(line));
  const server = await startServerProcess(
    dataDir,
    undefined,
    join(dataDir, 'feedback-bench-server.log'),
  );
  try {
    const api = `${server.url}/v1/feedback`;
    const newest = FeedbackListSchema.parse((await call(api, 'GET')).json);
    const sample = newest[0];
    if (sample === undefined) {
      throw new Error('the seed holds no feedback items (no comments)');
    }
    const unit = encodeURIComponent(sample.unitId);
    const requests = [
      await timed('every unit, newest 200', () => call(api, 'GET')),
      await timed('one unit, newest 200', () => call(`${api}?unitId=${unit}`, 'GET')),
      await timed('one unit, state new', () => call(`${api}?unitId=${unit}&state=new`, 'GET')),
      await timed('one unit, one question and value', () =>
        call(
          `${api}?unitId=${unit}&questionId=${encodeURIComponent(sample.questionId)}&value=${sample.value}`,
          'GET',
        ),
      ),
      await timed('every unit, the next page', () =>
        call(`${api}?before=${encodeURIComponent(newest.at(-1)!.id)}`, 'GET'),
      ),
      await timed('every unit, contact requests', () => call(`${api}?contact=true`, 'GET')),
      await timed('mark an item read (a write)', () =>
        call(`${api}/${encodeURIComponent(sample.id)}`, 'PATCH', { state: 'read' }),
      ),
    ];
    const all = FeedbackListSchema.parse((await call(`${api}?limit=500`, 'GET')).json);
    return {
      date: new Date().toISOString(),
      machine: describeMachine(),
      answers,
      items: all.length,
      requests,
    };
  } finally {
    await server.stop();
  }
}

export function feedbackRows(result: FeedbackBenchResult): string[][] {
  return result.requests.map((r) => [
    `GET/PATCH /v1/feedback: ${r.request} (${r.items} items), ${result.answers.toLocaleString('en')} answers`,
    `p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms`,
    '≤ 100 ms',
  ]);
}
