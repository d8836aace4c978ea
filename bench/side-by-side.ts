import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VirtualBox } from '../hardware/sim/virtual-box';
import { durations, tapMany } from './kiosk-bench';
import { describeMachine } from './machine';
import {
  ROOT,
  closeSide,
  openSide,
  spread,
  type HostFileTimes,
  type Side,
  type Spread,
} from './side-by-side-rig';
import { clearSteps, readSteps, stepFigures, type StepFigures } from './step-probe';

/**
 * Two checkouts' kiosks on this machine at once, timed in turns: a browser host and a Chromium
 * for each, one tap (or box press) on one, then one on the other, the order flipped every
 * round, so that whatever else the machine is doing falls on both alike. For a change's
 * "p99 at most x times before": `git worktree add /tmp/before <commit>`, link node_modules,
 * `npm run build` there and here, then
 *
 *   tsx bench/side-by-side.ts --before /tmp/before [--taps 1000] [--presses 1000] [--out FILE]
 *
 * "after" is this checkout. Both hosts run with the same config (test/e2e/support/fixtures).
 */

const WARM_UP = 20;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Press on the box → its `L` back, as bench/box-bench.ts times it; the press's number `i`. */
async function pressOnce(box: VirtualBox, i: number): Promise<number> {
  const started = performance.now();
  await box.press((i % 4) + 1);
  await box.waitForAcks(i + 1, 10_000);
  const took = box.acks[i]!.at - started;
  // The same button comes back every fourth press: keep it clear of the bounce window.
  await pause(40);
  return took;
}

export type SideFigures = {
  commit?: Spread;
  thanks?: Spread;
  tapSteps?: StepFigures;
  pressToLight?: Spread;
  /** The same presses' commit measure inside the page, and its steps. */
  pressSteps?: StepFigures;
  /** The after host's writes and fdatasyncs during the taps, and during the presses. */
  tapHost?: HostFileTimes | null;
  pressHost?: HostFileTimes | null;
};

/** Runs `each` on both sides in turn, `rounds` times, the first side flipped every round. */
async function inTurns(
  sides: readonly [Side, Side],
  rounds: number,
  each: (side: Side, round: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
    for (const side of order) {
      await each(side, round);
    }
  }
}

/** Opens both sides, runs `measure` on them, closes them, and adds the after host's file times. */
async function withSides<T>(
  beforeRoot: string,
  withBox: boolean,
  measure: (sides: readonly [Side, Side]) => Promise<T>,
): Promise<{ figures: T; hostFiles: HostFileTimes | null }> {
  const sides = [
    await openSide('before', beforeRoot, withBox),
    await openSide('after', ROOT, withBox),
  ] as const;
  let figures: T;
  try {
    figures = await measure(sides);
  } catch (error) {
    await Promise.allSettled(sides.map(closeSide));
    throw error;
  }
  await closeSide(sides[0]);
  return { figures, hostFiles: await closeSide(sides[1]) };
}

async function tapsSideBySide(
  beforeRoot: string,
  taps: number,
): Promise<Record<Side['name'], Pick<SideFigures, 'commit' | 'thanks' | 'tapSteps' | 'tapHost'>>> {
  const { figures, hostFiles } = await withSides(beforeRoot, false, async (sides) => {
    await inTurns(sides, WARM_UP, (side, round) => tapMany(side.kiosk, 1, round));
    for (const side of sides) {
      await side.kiosk.page.evaluate(() => performance.clearMeasures());
      await clearSteps(side.kiosk.page);
    }
    await inTurns(sides, taps, (side, round) => tapMany(side.kiosk, 1, WARM_UP + round));
    const of = async (side: Side) => {
      const commit = await durations(side.kiosk.page, 'hymy:tap-to-commit');
      const thanks = await durations(side.kiosk.page, 'hymy:tap-to-thanks');
      if (commit.length !== taps || thanks.length !== taps) {
        throw new Error(`${side.name}: ${commit.length} commits, ${thanks.length} thank-yous`);
      }
      return {
        commit: spread(commit),
        thanks: spread(thanks),
        tapSteps: stepFigures(await readSteps(side.kiosk.page)),
      };
    };
    return { before: await of(sides[0]), after: await of(sides[1]) };
  });
  return { before: figures.before, after: { ...figures.after, tapHost: hostFiles } };
}

async function pressesSideBySide(
  beforeRoot: string,
  presses: number,
): Promise<Record<Side['name'], Pick<SideFigures, 'pressToLight' | 'pressSteps' | 'pressHost'>>> {
  const { figures, hostFiles } = await withSides(beforeRoot, true, async (sides) => {
    const times: Record<Side['name'], number[]> = { before: [], after: [] };
    await inTurns(sides, WARM_UP, async (side, round) => {
      await pressOnce(side.box!, round);
    });
    for (const side of sides) {
      await side.kiosk.page.evaluate(() => performance.clearMeasures());
      await clearSteps(side.kiosk.page);
    }
    await inTurns(sides, presses, async (side, round) => {
      times[side.name].push(await pressOnce(side.box!, WARM_UP + round));
    });
    const of = async (side: Side) => ({
      pressToLight: spread(times[side.name]),
      pressSteps: stepFigures(await readSteps(side.kiosk.page)),
    });
    return { before: await of(sides[0]), after: await of(sides[1]) };
  });
  return { before: figures.before, after: { ...figures.after, pressHost: hostFiles } };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const pair = (s: Spread | null | undefined): string => (s ? `${ms(s.p50)} / ${ms(s.p99)}` : '–');
const ratio = (before: Spread | undefined, after: Spread | undefined): string =>
  before && after ? `${(after.p99 / before.p99).toFixed(2)}×` : '–';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      taps: { type: 'string', default: '1000' },
      presses: { type: 'string', default: '1000' },
      out: { type: 'string' },
    },
  });
  if (values.before === undefined) {
    throw new Error('usage: tsx bench/side-by-side.ts --before DIR [--taps N] [--presses N]');
  }
  const beforeRoot = path.resolve(values.before);
  const machine = describeMachine();
  console.log(`machine: ${machine}`);
  const taps = Number(values.taps);
  const presses = Number(values.presses);
  const tapFigures = taps > 0 ? await tapsSideBySide(beforeRoot, taps) : null;
  const pressFigures = presses > 0 ? await pressesSideBySide(beforeRoot, presses) : null;
  const side = (name: Side['name']): Partial<SideFigures> => ({
    ...tapFigures?.[name],
    ...pressFigures?.[name],
  });
  const before = side('before');
  const after = side('after');

  const rows = [
    ['Tap → commit', pair(before.commit), pair(after.commit), ratio(before.commit, after.commit)],
    [
      'Tap → thank-you painted',
      pair(before.thanks),
      pair(after.thanks),
      ratio(before.thanks, after.thanks),
    ],
    [
      'Box press → `L`',
      pair(before.pressToLight),
      pair(after.pressToLight),
      ratio(before.pressToLight, after.pressToLight),
    ],
    [
      'tap: → store add',
      pair(before.tapSteps?.toStoreAsked),
      pair(after.tapSteps?.toStoreAsked),
      '',
    ],
    ['tap: store add → complete', pair(before.tapSteps?.store), pair(after.tapSteps?.store), ''],
    ['tap: → journal call sent', '', pair(after.tapSteps?.toJournalSent), ''],
    ['tap: journal call → answer', '', pair(after.tapSteps?.journal), ''],
    [
      'tap: both done → commit measure',
      pair(before.tapSteps?.afterBoth),
      pair(after.tapSteps?.afterBoth),
      '',
    ],
    [
      'press: store add → complete',
      pair(before.pressSteps?.store),
      pair(after.pressSteps?.store),
      '',
    ],
    ['press: journal call → answer', '', pair(after.pressSteps?.journal), ''],
    ['host (taps): journal call in → answer out', '', pair(after.tapHost?.journalCall), ''],
    ['host (presses): journal call in → answer out', '', pair(after.pressHost?.journalCall), ''],
    [
      `host: fdatasync during the taps (${after.tapHost?.datasyncs ?? 0}, warm-up included)`,
      '',
      pair(after.tapHost?.datasync),
      '',
    ],
    [
      `host: fdatasync during the presses (${after.pressHost?.datasyncs ?? 0}, warm-up included)`,
      '',
      pair(after.pressHost?.datasync),
      '',
    ],
  ];
  console.log(
    [
      '',
      `| p50 / p99 | before (${path.basename(beforeRoot)}) | after | p99 after/before |`,
      '| --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
      '',
      `${taps} taps and ${presses} presses a side, in turns; ${machine}`,
    ].join('\n'),
  );
  if (values.out !== undefined) {
    await mkdir(path.dirname(values.out), { recursive: true });
    await writeFile(
      values.out,
      `${JSON.stringify({ date: new Date().toISOString(), machine, beforeRoot, taps, presses, before, after }, null, 2)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
