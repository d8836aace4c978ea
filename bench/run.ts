import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchPressToLight, benchReconnect } from './box-bench';
import { benchDrain } from './drain-bench';
import { benchColdStart, benchTaps } from './kiosk-bench';
import { benchIngestion } from './server-bench';
import { describeMachine, percentile } from './machine';

const TAPS = Number(process.env.HYMY_BENCH_TAPS ?? 1000);
const SEEDED = Number(process.env.HYMY_BENCH_SEEDED ?? 100_000);
const DRAIN = Number(process.env.HYMY_BENCH_DRAIN ?? 100_000);

const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(`machine: ${machine}`);

  const cold = await benchColdStart(7);
  console.log(
    `cold start to kiosk ready: median ${ms(percentile(cold, 50))}, max ${ms(Math.max(...cold))}`,
  );

  const empty = await benchTaps(TAPS, 0);
  console.log(`taps on an empty store: ${JSON.stringify(empty)}`);
  const full = await benchTaps(TAPS, SEEDED);
  console.log(`taps with ${SEEDED} stored: ${JSON.stringify(full)}`);

  const light = await benchPressToLight(TAPS);
  console.log(`box press → L: p50 ${ms(percentile(light, 50))}, p99 ${ms(percentile(light, 99))}`);
  const replug = await benchReconnect(10);
  console.log(`re-plug → port open again: median ${ms(percentile(replug, 50))}`);
  const ingestion = await benchIngestion();
  console.log(`server ingestion: ${JSON.stringify(ingestion)}`);
  const drain = await benchDrain(DRAIN);
  console.log(`drain of ${DRAIN} pending with taps: ${JSON.stringify(drain)}`);

  const rows = [
    [
      'Tap → commit p50 / p99 (empty store)',
      `${ms(empty.commitP50)} / ${ms(empty.commitP99)}`,
      'p99 ≤ 20 ms',
    ],
    [
      'Tap → thank-you painted p50 / p99 (empty store)',
      `${ms(empty.thanksP50)} / ${ms(empty.thanksP99)}`,
      'p99 ≤ 50 ms',
    ],
    [
      `Tap → commit p50 / p99 (${full.storedBefore.toLocaleString('en')} stored)`,
      `${ms(full.commitP50)} / ${ms(full.commitP99)}`,
      '≤ 20 % slower',
    ],
    [
      `Tap → thank-you painted p50 / p99 (${full.storedBefore.toLocaleString('en')} stored)`,
      `${ms(full.thanksP50)} / ${ms(full.thanksP99)}`,
      '≤ 20 % slower',
    ],
    [
      'Browser host cold start → `kiosk ready` (median / max of 7)',
      `${ms(percentile(cold, 50))} / ${ms(Math.max(...cold))}`,
      '≤ 1.5 s',
    ],
    [
      `Box press written to the pty → \`L\` read back p50 / p99 (${light.length} presses)`,
      `${ms(percentile(light, 50))} / ${ms(percentile(light, 99))}`,
      'p99 ≤ 30 ms',
    ],
    [
      'Box re-plugged → port open again (median / max of 10)',
      `${ms(percentile(replug, 50))} / ${ms(Math.max(...replug))}`,
      '≤ 3 s',
    ],
    [
      `Server ingestion (${ingestion.clients} clients, batches of ${ingestion.batchSize}, SQLite synchronous=FULL)`,
      `${ingestion.responsesPerSecond.toLocaleString('en')} responses/s`,
      '≥ 20,000/s',
    ],
    [
      `Drain of ${DRAIN.toLocaleString('en')} pending answers to the server`,
      `${drain.drainSeconds.toFixed(1)} s`,
      '≤ 60 s',
    ],
    [
      `Tap → commit p50 / p99 during the drain (${drain.tapsDuringDrain} taps)`,
      `${ms(drain.commitP50)} / ${ms(drain.commitP99)}`,
      'p99 ≤ 50 ms',
    ],
    [
      `Tap → commit p50 / p99 while the rows are marked sent after it (${drain.markingSeconds.toFixed(1)} s, ${drain.tapsDuringMarking} taps)`,
      `${ms(drain.markingCommitP50)} / ${ms(drain.markingCommitP99)}`,
      'p99 ≤ 50 ms',
    ],
  ];
  const table = [
    '| measure | result | target |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  console.log(
    `\n${table}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on: ${machine}; ${TAPS} taps each.`,
  );

  const out = path.join(import.meta.dirname, 'results');
  await mkdir(out, { recursive: true });
  await writeFile(
    path.join(out, 'kiosk.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, taps: TAPS, cold, empty, full, boxLight: { p50: percentile(light, 50), p99: percentile(light, 99), presses: light.length }, replug, ingestion, drain }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
