import type { RendererStatus } from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';
import { byDeadline, WRITE_DEADLINE_MS } from './deadline';
import type { AmendResult, ResponseStore, SaveResult } from './response-store';
import type { StoreFaultCode } from './store-fault';

type StoreStatus = RendererStatus['store'];

export type HealingDeps = {
  inner: ResponseStore;
  /** Closes and opens the store again and proves it can write; throws while it cannot. */
  reopen: () => Promise<void>;
  /** Tells the host how the store is doing (renderer/app/status-reporter.ts). */
  report: (status: StoreStatus) => void;
  /** The store was opened again: what it may have lost is put back (renderer/store/restore.ts). */
  onReopened: () => void;
  /** Waits between tries; the page's own timers unless a test drives a clock. */
  timers?: Timers;
  /** A re-open not done by then has failed (default 5 s): a tap must not wait on it forever. */
  reopenDeadlineMs?: number;
};

export type HealingStore = ResponseStore & {
  /** A write elsewhere (or the first open) failed with this fault: healing starts. */
  fault(code: StoreFaultCode): void;
  /** Stops trying (the page goes away). */
  dispose(): void;
};

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

const STORE_FAULTS: ReadonlySet<string> = new Set<StoreFaultCode>([
  'quota_exceeded',
  'database_closed',
  'write_failed',
]);
const isStoreFault = (code: string): code is StoreFaultCode => STORE_FAULTS.has(code);

/**
 * A store that mends itself after a fault. Chromium may close an IndexedDB that hit a full disk
 * or an I/O error and refuse every write after, even once the disk has room again; the page then
 * tries to open it again, 1 s after the fault and doubling to 30 s, and also just before the
 * next answer is written, so the first tap after space returns is thanked. The host hears each
 * failed try (`reopenFailures`) and loads the page again when trying does not help.
 */
export function createHealingStore({
  inner,
  reopen,
  report,
  onReopened,
  timers = pageTimers,
  reopenDeadlineMs = WRITE_DEADLINE_MS,
}: HealingDeps): HealingStore {
  let fault: { code: StoreFaultCode; failures: number } | null = null;
  let timer: unknown = null;
  let reopening: Promise<boolean> | null = null;
  let disposed = false;

  const schedule = (): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    if (!fault || disposed) {
      timer = null;
      return;
    }
    const wait = Math.min(FIRST_RETRY_MS * 2 ** fault.failures, LONGEST_RETRY_MS);
    timer = timers.setTimeout(() => {
      timer = null;
      void tryReopen(true);
    }, wait);
  };

  const healed = (): void => {
    if (fault) {
      fault = null;
      schedule();
      report({ ok: true });
      onReopened();
    } else {
      report({ ok: true });
    }
  };

  /**
   * One try at a time, whether the timer or a tap asked for it. Only the timer's tries count as
   * failures (and move the backoff): the host reloads after so many, so a busy hour of taps on
   * a full disk must not make it reload sooner than the backoff says. A timer that finds a tap's
   * try under way counts that one, or the backoff would stop there.
   */
  const tryReopen = (scheduled: boolean): Promise<void> => {
    reopening ??= byDeadline(reopen(), reopenDeadlineMs, timers)
      .then(
        // A re-open that hangs (Chromium on a full disk) fails like one that throws, so the
        // backoff moves on and the host reloads the page in time.
        (done) => !done.late,
        () => false,
      )
      .then((opened) => {
        if (opened) {
          healed();
        }
        return opened;
      })
      .finally(() => {
        reopening = null;
      });
    return reopening.then((opened) => {
      if (!opened && fault && scheduled) {
        fault = { ...fault, failures: fault.failures + 1 };
        report({ ok: false, code: fault.code, reopenFailures: fault.failures });
        schedule();
      }
    });
  };

  const noteFault = (code: StoreFaultCode): void => {
    const failures = fault?.failures ?? 0;
    const first = fault === null;
    fault = { code, failures };
    report({ ok: false, code, reopenFailures: failures });
    if (first) {
      schedule();
    }
  };

  /** A write, after a try at healing if the store is known to be faulty. */
  const write = async <R extends SaveResult | AmendResult>(run: () => Promise<R>): Promise<R> => {
    if (fault) {
      await tryReopen(false);
    }
    const result = await run();
    if (result.ok) {
      if (fault) {
        // The store writes again without a re-open (a disk that had room again).
        healed();
      } else {
        report({ ok: true });
      }
    } else if (isStoreFault(result.code)) {
      noteFault(result.code);
    }
    return result;
  };

  return {
    save: (response) => write(() => inner.save(response)),
    amend: (id, amendment) => write(() => inner.amend(id, amendment)),
    lastAnsweredAt: () => inner.lastAnsweredAt(),
    hold: (fromIso) => inner.hold(fromIso),
    fault: noteFault,
    dispose() {
      disposed = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
    },
  };
}
