import type { Page } from 'playwright-core';
import { percentile } from './machine';

/**
 * Where a tap's time goes in the page, from the outside: an init script notes, for every
 * answer, when its IndexedDB write was asked for and committed and when its `journal:append`
 * went over the bridge and came back, on the page's performance clock. Joined to the kiosk's
 * own `hymy:tap-to-commit` measure by the tap's time (the measure starts at the tap), so only
 * the timed taps count. A checkout without the journal shows only the store's steps.
 */

/** Milliseconds after the tap; null where that checkout has no such step. */
export type TapSteps = {
  commit: number;
  /** The page asked IndexedDB to add the row, and the transaction completed. */
  storeAsked: number | null;
  storeDone: number | null;
  /** The journal call left the page, and its answer arrived back. */
  journalSent: number | null;
  journalBack: number | null;
};

type RawStep = {
  tap: number;
  storeAsked?: number;
  storeDone?: number;
  journalSent?: number;
  journalBack?: number;
};

const GLOBAL = '__hymyBenchSteps';

/** Runs in the page before its own scripts: wraps IndexedDB's add/put and the WebSocket. */
function installProbe(globalName: string): void {
  const steps = new Map<string, RawStep>();
  Reflect.set(globalThis, globalName, steps);
  const stepOf = (id: string): RawStep => {
    let step = steps.get(id);
    if (step === undefined) {
      const taps = performance.getEntriesByName('hymy:tap');
      step = { tap: taps[taps.length - 1]?.startTime ?? Number.NaN };
      steps.set(id, step);
    }
    return step;
  };

  type Write = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;
  for (const method of ['add', 'put'] as const) {
    const native = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, method)!
      .value as Write;
    IDBObjectStore.prototype[method] = function probed(
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ): IDBRequest<IDBValidKey> {
      const id = (value as { id?: unknown } | null)?.id;
      if (this.name === 'responses' && typeof id === 'string') {
        const step = stepOf(id);
        step.storeAsked ??= performance.now();
        this.transaction.addEventListener('complete', () => {
          step.storeDone ??= performance.now();
        });
      }
      return native.call(this, value, key);
    };
  }

  const calls = new Map<number, RawStep>();
  const Native = WebSocket;
  class ProbedSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Registered before the bridge's onmessage, so it sees an answer first.
      this.addEventListener('message', (event: MessageEvent) => {
        if (calls.size === 0 || typeof event.data !== 'string') {
          return;
        }
        const message = JSON.parse(event.data) as { t?: string; id?: number };
        const step = message.t === 'result' ? calls.get(message.id ?? -1) : undefined;
        if (step !== undefined) {
          step.journalBack = performance.now();
          calls.delete(message.id!);
        }
      });
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (typeof data === 'string' && data.includes('"journal:append"')) {
        const call = JSON.parse(data) as { id: number; args: { response: { id: string } } };
        const step = stepOf(call.args.response.id);
        step.journalSent ??= performance.now();
        calls.set(call.id, step);
      }
      super.send(data);
    }
  }
  Reflect.set(globalThis, 'WebSocket', ProbedSocket);
}

export async function installStepProbe(page: Page): Promise<void> {
  // tsx (esbuild's keepNames) wraps named functions in `__name(…)`, which the page lacks.
  await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await page.addInitScript(installProbe, GLOBAL);
}

/** Forgets what the warm-up noted. */
export async function clearSteps(page: Page): Promise<void> {
  await page.evaluate(
    (name) => (Reflect.get(globalThis, name) as Map<unknown, unknown>).clear(),
    GLOBAL,
  );
}

/** Each timed tap's steps, in the order of its commit measures. */
export async function readSteps(page: Page): Promise<TapSteps[]> {
  return page.evaluate((name) => {
    const steps = [...(Reflect.get(globalThis, name) as Map<string, RawStep>).values()];
    const since = (tap: number, at: number | undefined): number | null =>
      at === undefined ? null : at - tap;
    return performance.getEntriesByName('hymy:tap-to-commit').map((measure) => {
      const step = steps.find((s) => s.tap === measure.startTime);
      return {
        commit: measure.duration,
        storeAsked: since(measure.startTime, step?.storeAsked),
        storeDone: since(measure.startTime, step?.storeDone),
        journalSent: since(measure.startTime, step?.journalSent),
        journalBack: since(measure.startTime, step?.journalBack),
      };
    });
  }, GLOBAL);
}

export type StepSpread = { p50: number; p99: number } | null;

export type StepFigures = {
  taps: number;
  /** Tap → the IndexedDB add asked for; the add → its transaction complete. */
  toStoreAsked: StepSpread;
  store: StepSpread;
  /** Tap → the journal call sent; sent → its answer back (bridge, host, write, fdatasync). */
  toJournalSent: StepSpread;
  journal: StepSpread;
  /** The later of the two done → the kiosk's commit measure. */
  afterBoth: StepSpread;
  /** Taps whose journal answer came after the store's commit. */
  journalLast: number;
  /** The slowest 1 % of commits: the mean of each step there, in ms. */
  tail: { commit: number; store: number | null; journal: number | null; journalLast: number };
};

const spreadOf = (values: (number | null)[]): StepSpread => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0
    ? null
    : { p50: percentile(present, 50), p99: percentile(present, 99) };
};

const between = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : to - from;

const mean = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
};

export function stepFigures(steps: readonly TapSteps[]): StepFigures {
  const done = (s: TapSteps): number | null =>
    s.journalBack === null
      ? s.storeDone
      : s.storeDone === null
        ? null
        : Math.max(s.storeDone, s.journalBack);
  const journalLast = (s: TapSteps): boolean =>
    s.journalBack !== null && s.storeDone !== null && s.journalBack > s.storeDone;
  const tail = [...steps]
    .sort((a, b) => b.commit - a.commit)
    .slice(0, Math.max(1, Math.ceil(steps.length / 100)));
  return {
    taps: steps.length,
    toStoreAsked: spreadOf(steps.map((s) => s.storeAsked)),
    store: spreadOf(steps.map((s) => between(s.storeAsked, s.storeDone))),
    toJournalSent: spreadOf(steps.map((s) => s.journalSent)),
    journal: spreadOf(steps.map((s) => between(s.journalSent, s.journalBack))),
    afterBoth: spreadOf(steps.map((s) => between(done(s), s.commit))),
    journalLast: steps.filter(journalLast).length,
    tail: {
      commit: mean(tail.map((s) => s.commit)) ?? Number.NaN,
      store: mean(tail.map((s) => between(s.storeAsked, s.storeDone))),
      journal: mean(tail.map((s) => between(s.journalSent, s.journalBack))),
      journalLast: tail.filter(journalLast).length,
    },
  };
}
