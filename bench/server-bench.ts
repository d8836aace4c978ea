import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UploadAnswerSchema, type EnrollAnswer } from '../core/central-api';
import type { Response } from '../core/response';
import { silentLogger, startCentralServer } from '../server';
import { percentile } from './machine';

/**
 * Ingestion of the reference central API: CLIENTS terminals upload batches of 500 distinct
 * answers at once, each waiting for its answer before sending the next (as the sync engine
 * does), over real HTTP into a real SQLite file with synchronous=FULL. Bodies are serialized
 * before the clock starts: what is timed is the server's work and the wire.
 */

export type IngestionResult = {
  responsesPerSecond: number;
  responses: number;
  seconds: number;
  clients: number;
  batchSize: number;
  /** Time from sending a batch to its answer, in ms. */
  batchP50Ms: number;
  batchP99Ms: number;
};

const SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    { id: 'overall', scale: 'smiley4' as const },
    { id: 'recommend', scale: 'nps11' as const },
  ],
};

function responseId(client: number, n: number): string {
  const tail = `${client.toString(16)}${n.toString(16).padStart(11, '0')}`;
  return `0193a6f2-7c1e-7d2a-9b1e-${tail}`;
}

/** A realistic mix: mostly button presses, some NPS answers, a few with a comment. */
function makeResponse(client: number, n: number): Response {
  const nps = n % 5 === 0;
  return {
    id: responseId(client, n),
    surveyId: SURVEY.id,
    surveyVersion: SURVEY.version,
    questionId: nps ? 'recommend' : 'overall',
    scale: nps ? 'nps11' : 'smiley4',
    value: nps ? n % 11 : 1 + (n % 4),
    language: ['fi', 'sv', 'en'][n % 3]!,
    source: nps ? 'touch' : 'button',
    answeredAt: new Date(Date.UTC(2026, 10, 23, 8) + n * 1000).toISOString(),
    flags: n % 17 === 0 ? ['repeat'] : [],
    ...(n % 10 === 3
      ? { comment: 'Odotusaika oli pitkä, mutta henkilökunta oli ystävällistä.' }
      : {}),
  };
}

export async function benchIngestion(
  options: { clients?: number; batchesPerClient?: number; batchSize?: number } = {},
): Promise<IngestionResult> {
  const clients = options.clients ?? 4;
  const batchesPerClient = options.batchesPerClient ?? 50;
  const batchSize = options.batchSize ?? 500;
  const warmup = 2;
  const dataDir = await mkdtemp(join(tmpdir(), 'hymy-server-bench-'));
  const server = await startCentralServer({
    dataDir,
    port: 0,
    adminToken: 'bench-admin-token-0123456789',
    logger: silentLogger,
    rateLimits: { terminal: { max: 1_000_000, windowMs: 60_000 } },
  });
  try {
    const post = (path: string, token: string, body: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const terminals: EnrollAnswer[] = [];
    for (let client = 0; client < clients; client += 1) {
      const made = await server.createEnrollmentCode({
        unit: { id: 'bench-unit', name: { fi: 'Mittausyksikkö' } },
        survey: SURVEY,
      });
      if (!made.ok) {
        throw new Error(made.failure.message);
      }
      const enrolled = await fetch(`${server.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: made.value.code,
          hardwareId: `bench-${client}`,
          appVersion: '0',
        }),
      });
      terminals.push((await enrolled.json()) as EnrollAnswer);
    }
    const bodies = terminals.map((_, client) =>
      Array.from({ length: warmup + batchesPerClient }, (_, batch) =>
        JSON.stringify({
          responses: Array.from({ length: batchSize }, (_, i) =>
            makeResponse(client, batch * batchSize + i),
          ),
        }),
      ),
    );
    const latencies: number[] = [];
    let accepted = 0;
    const run = async (client: number, from: number, to: number, timed: boolean) => {
      for (let batch = from; batch < to; batch += 1) {
        const started = performance.now();
        const answer = await post(
          '/v1/terminal/responses',
          terminals[client]!.token,
          bodies[client]![batch]!,
        );
        const lists = UploadAnswerSchema.parse(await answer.json());
        if (timed) {
          latencies.push(performance.now() - started);
          accepted += lists.accepted.length;
        }
      }
    };
    await Promise.all(terminals.map((_, client) => run(client, 0, warmup, false)));
    const started = performance.now();
    await Promise.all(
      terminals.map((_, client) => run(client, warmup, warmup + batchesPerClient, true)),
    );
    const seconds = (performance.now() - started) / 1000;
    const responses = clients * batchesPerClient * batchSize;
    if (accepted !== responses) {
      throw new Error(`${responses} sent but ${accepted} accepted`);
    }
    return {
      responsesPerSecond: Math.round(responses / seconds),
      responses,
      seconds: Math.round(seconds * 1000) / 1000,
      clients,
      batchSize,
      batchP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      batchP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIngestion()));
}
