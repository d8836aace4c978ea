import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchPressToLight, benchReconnect } from './box-bench';
import { benchDrain } from './drain-bench';
import { benchJournal } from './journal-bench';
import { benchFeedback, feedbackRows } from './feedback-bench';
import { benchPublic, publicRows } from './public-bench';
import { benchDashboard, dashboardRows } from './dashboard-bench';
import { benchNational, nationalRows } from './national-bench';
import { benchColdStart, benchTaps } from './kiosk-bench';
import { benchIngestion } from './server-bench';
import { benchStore, storeRows } from './store-bench';
import { describeMachine, percentile } from './machine';

const TAPS = Number(process.env.HYMY_BENCH_TAPS ?? 1000);
const SEEDED = Number(process.env.HYMY_BENCH_SEEDED ?? 100_000);
const DRAIN = Number(process.env.HYMY_BENCH_DRAIN ?? 100_000);
const JOURNAL_APPENDS = Number(process.env.HYMY_BENCH_JOURNAL_APPENDS ?? 1000);
const JOURNAL_ROUNDS = Number(process.env.HYMY_BENCH_JOURNAL_ROUNDS ?? 200);

const ms = (value: number): string => `${value.toFixed(1)} ms`;
/** Two decimals below a millisecond: a write or an fdatasync may take a tenth of one. */
const fine = (value: number): string => `${value.toFixed(value < 1 ? 2 : 1)} ms`;
const p50p99 = (figures: { p50: number; p99: number }): string =>
  `${fine(figures.p50)} / ${fine(figures.p99)}`;

/** What one bench adds: its table rows (measure, result, target) and its raw figures. */
type BenchOutput = { rows: string[][]; raw: unknown };
/** `key` names its figures in the results file (as before the benches had names). */
type Bench = { name: string; key: string; run: () => Promise<BenchOutput> };

/** Every bench, in the order a full run takes them; `--only` picks some by name. */
const BENCHES: Bench[] = [
  {
    name: 'cold',
    key: 'cold',
    async run() {
      const cold = await benchColdStart(7);
      const median = percentile(cold, 50);
      const max = Math.max(...cold);
      console.log(`cold start to kiosk ready: median ${ms(median)}, max ${ms(max)}`);
      return {
        rows: [
          [
            'Browser host cold start → `kiosk ready` (median / max of 7)',
            `${ms(median)} / ${ms(max)}`,
            '≤ 1.5 s',
          ],
        ],
        raw: cold,
      };
    },
  },
  {
    name: 'taps',
    key: 'empty',
    async run() {
      const empty = await benchTaps(TAPS, 0);
      console.log(`taps on an empty store: ${JSON.stringify(empty)}`);
      return {
        rows: [
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
        ],
        raw: empty,
      };
    },
  },
  {
    name: 'taps-stored',
    key: 'full',
    async run() {
      const full = await benchTaps(TAPS, SEEDED);
      console.log(`taps with ${SEEDED} stored: ${JSON.stringify(full)}`);
      const stored = full.storedBefore.toLocaleString('en');
      return {
        rows: [
          [
            `Tap → commit p50 / p99 (${stored} stored)`,
            `${ms(full.commitP50)} / ${ms(full.commitP99)}`,
            '≤ 20 % slower',
          ],
          [
            `Tap → thank-you painted p50 / p99 (${stored} stored)`,
            `${ms(full.thanksP50)} / ${ms(full.thanksP99)}`,
            '≤ 20 % slower',
          ],
        ],
        raw: full,
      };
    },
  },
  {
    name: 'box',
    key: 'boxLight',
    async run() {
      const light = await benchPressToLight(TAPS);
      const figures = { p50: percentile(light, 50), p99: percentile(light, 99) };
      console.log(`box press → L: p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}`);
      return {
        rows: [
          [
            `Box press written to the pty → \`L\` read back p50 / p99 (${light.length} presses)`,
            p50p99(figures),
            'p99 ≤ 30 ms',
          ],
        ],
        raw: { ...figures, presses: light.length },
      };
    },
  },
  {
    name: 'replug',
    key: 'replug',
    async run() {
      const replug = await benchReconnect(10);
      const median = percentile(replug, 50);
      console.log(`re-plug → port open again: median ${ms(median)}`);
      return {
        rows: [
          [
            'Box re-plugged → port open again (median / max of 10)',
            `${ms(median)} / ${ms(Math.max(...replug))}`,
            '≤ 3 s',
          ],
        ],
        raw: replug,
      };
    },
  },
  {
    name: 'ingestion',
    key: 'ingestion',
    async run() {
      const ingestion = await benchIngestion();
      console.log(`server ingestion: ${JSON.stringify(ingestion)}`);
      return {
        rows: [
          [
            `Server ingestion (${ingestion.clients} clients, batches of ${ingestion.batchSize}, SQLite synchronous=FULL)`,
            `${ingestion.responsesPerSecond.toLocaleString('en')} responses/s`,
            '≥ 20,000/s',
          ],
        ],
        raw: ingestion,
      };
    },
  },
  {
    name: 'drain',
    key: 'drain',
    async run() {
      const drain = await benchDrain(DRAIN);
      console.log(`drain of ${DRAIN} pending with taps: ${JSON.stringify(drain)}`);
      return {
        rows: [
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
        ],
        raw: drain,
      };
    },
  },
  {
    name: 'journal',
    key: 'journal',
    async run() {
      const journal = await benchJournal(JOURNAL_APPENDS, JOURNAL_ROUNDS);
      console.log(`journal: ${JSON.stringify(journal)}`);
      const where = `${journal.fileSystem} in ${journal.dir}`;
      return {
        rows: [
          [
            `Bare append of ${journal.bareBytes} bytes: write + fdatasync (${where})`,
            `${p50p99(journal.bareAppend)} (fdatasync alone ${p50p99(journal.bareDatasync)}, write alone ${p50p99(journal.bareWrite)})`,
            '',
          ],
          [
            `Journal \`append()\`, one after another (${journal.appends}, lines of ${journal.lineBytes} bytes)`,
            p50p99(journal.sequential),
            '',
          ],
          [
            `Journal \`append()\`, ${journal.concurrent} at once (${journal.rounds} rounds; ${journal.syncsPerRound.toFixed(2)} fdatasyncs a round)`,
            `${p50p99(journal.concurrentEach)} each, ${p50p99(journal.concurrentRound)} a round`,
            '',
          ],
        ],
        raw: journal,
      };
    },
  },
  {
    // A county's year stored (HYMY_BENCH_STORE_ANSWERS, 10M) on SQLite: reports, CSV, ingestion.
    name: 'store-sqlite',
    key: 'storeSqlite',
    async run() {
      const result = await benchStore('sqlite');
      return { rows: storeRows(result), raw: result };
    },
  },
  {
    // The same on PostgreSQL, and a nation's (HYMY_BENCH_PG_ANSWERS, 30M).
    name: 'store-postgres',
    key: 'storePostgres',
    async run() {
      const result = await benchStore('postgres');
      return { rows: storeRows(result), raw: result };
    },
  },
  {
    // The dashboard's pages on the county's year (the store-sqlite seed) in headless Chromium.
    name: 'dashboard',
    key: 'dashboard',
    async run() {
      const result = await benchDashboard();
      return { rows: dashboardRows(result), raw: result };
    },
  },
  {
    // The inbox's requests on the county's year (the store-sqlite seed).
    name: 'feedback',
    key: 'feedback',
    async run() {
      const result = await benchFeedback();
      return { rows: feedbackRows(result), raw: result };
    },
  },
  {
    // The national export of a year (the store-sqlite seed): time, size, server memory.
    name: 'national',
    key: 'national',
    async run() {
      const result = await benchNational();
      return { rows: nationalRows(result), raw: result };
    },
  },
  {
    // The public results and the unit PDFs on the county's year (the store-sqlite seed).
    name: 'public',
    key: 'public',
    async run() {
      const result = await benchPublic();
      return { rows: publicRows(result), raw: result };
    },
  },
];

function chosenBenches(only: string | undefined): Bench[] {
  if (only === undefined) {
    return BENCHES;
  }
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((bench) => bench.name).join(', ')}`,
    );
  }
  return BENCHES.filter((bench) => names.includes(bench.name));
}

/**
 * `tsx bench/run.ts [--only taps,box,…] [--out FILE]`. A full run writes
 * bench/results/kiosk.json; a run of some benches writes only where `--out` says.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, out: { type: 'string' } },
  });
  const benches = chosenBenches(values.only);
  const machine = describeMachine();
  console.log(`machine: ${machine}`);

  const rows: string[][] = [];
  const raw: Record<string, unknown> = {};
  for (const bench of benches) {
    const output = await bench.run();
    rows.push(...output.rows);
    raw[bench.key] = output.raw;
  }

  const table = [
    '| measure | result | target |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  console.log(
    `\n${table}\n\nMeasured ${new Date().toISOString().slice(0, 10)} on: ${machine}; ${TAPS} taps each.`,
  );

  const out =
    values.out ??
    (values.only === undefined ? path.join(import.meta.dirname, 'results', 'kiosk.json') : null);
  if (out !== null) {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), machine, taps: TAPS, ...raw }, null, 2)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
