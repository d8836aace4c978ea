import { join } from 'node:path';
import { z } from 'zod';
import type { PinPadState, SessionClosed, UnlockResult } from '../core/technician';
import type { Timers } from '../core/timers';
import { realTimers } from '../node/real-timers';
import { readJsonFile, writeJsonAtomic } from './data-dir';
import { errorCode, silentLogger, type Logger } from './log';
import { verifyPin } from './pin';

/**
 * The technician's way in: the PIN pad and the service session it opens. The PIN is checked
 * against the stored scrypt hash; five wrong PINs in a row lock the pad for five minutes, and
 * the count and the lock are kept in the data dir so that a restart does not reset them. The
 * session closes itself after two minutes without a service call, so a screen left open at a
 * ward exit does not stay open for the next passer-by.
 */

export const PIN_LOCK_FILE = 'pin-lock.json';
export const MAX_WRONG_PINS = 5;
export const PIN_LOCK_MS = 5 * 60_000;
export const IDLE_CLOSE_MS = 2 * 60_000;

export const SESSION_CLOSED: SessionClosed = { ok: false, reason: 'session_closed' };

const PinLockSchema = z.object({
  failures: z.number().int().min(0).max(1000),
  lockedUntil: z.number().nullable(),
});
type PinLock = z.infer<typeof PinLockSchema>;

/** Why a session ended: the technician closed it, it idled out, or the terminal was reset. */
export type SessionEnd = 'closed' | 'idle' | 'reset';

export type ServiceSessionOptions = {
  dataDir: string;
  /** The PIN hash the settings hold now (they change with a re-enrollment or a reset). */
  pinHash: () => string | undefined;
  timers?: Timers;
  /** Epoch ms. */
  now?: () => number;
  idleCloseMs?: number;
  logger?: Logger;
  /** The session opened (a right PIN). */
  onOpen?(): void;
  onClose?(why: SessionEnd): void;
};

export type ServiceSession = {
  pinState: () => Promise<PinPadState>;
  unlock: (pin: string) => Promise<UnlockResult>;
  /** Restarts the idle timer of an open session; says whether one is open. */
  touch: () => boolean;
  isOpen: () => boolean;
  /** Ends the session (a no-op when none is open). */
  close: (why?: SessionEnd) => void;
  /**
   * Runs `work` in the open session, or answers `session_closed`. The call counts as the
   * technician's activity, and the session does not idle out while the work runs.
   */
  guard: <T>(work: () => T | Promise<T>) => Promise<T | SessionClosed>;
  /** Forgets the PIN lock held in memory (after a factory reset removed its file). */
  forgetLock: () => void;
  /**
   * Stops the idle timer for good (the host is stopping); resolves once the PIN checks and the
   * guarded calls under way have settled, so no lock file or export is written after.
   */
  dispose: () => Promise<void>;
};

const NO_LOCK: PinLock = { failures: 0, lockedUntil: null };

export function createServiceSession(options: ServiceSessionOptions): ServiceSession {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => Date.now());
  const idleCloseMs = options.idleCloseMs ?? IDLE_CLOSE_MS;
  const logger = (options.logger ?? silentLogger).with({ room: 'service-session' });
  const lockFile = join(options.dataDir, PIN_LOCK_FILE);

  let lock: PinLock | null = null;
  let open = false;
  let disposed = false;
  /** Guarded calls under way: the session does not idle out under them, nor dispose before. */
  const working = new Set<Promise<unknown>>();
  let idleTimer: unknown = null;
  // PINs are checked one at a time: parallel guesses must not each see the same count.
  let pinQueue: Promise<unknown> = Promise.resolve();

  const loadLock = async (): Promise<PinLock> => {
    if (lock === null) {
      const read = await readJsonFile(lockFile, PinLockSchema);
      if (!read.ok && read.reason !== 'missing') {
        logger.warn('pin_lock_unreadable', { reason: read.reason });
      }
      lock = read.ok ? read.value : NO_LOCK;
    }
    const current = lock;
    if (current.lockedUntil !== null) {
      if (current.lockedUntil <= now()) {
        // The lock is over: the technician gets five tries again.
        lock = NO_LOCK;
      } else if (current.lockedUntil - now() > PIN_LOCK_MS) {
        // The clock was set back since the lock began: never lock for longer than the lock.
        lock = { ...current, lockedUntil: now() + PIN_LOCK_MS };
      }
    }
    return lock;
  };

  const saveLock = async (next: PinLock): Promise<void> => {
    lock = next;
    try {
      await writeJsonAtomic(lockFile, next);
    } catch (error) {
      // The lock still holds in memory; it only would not outlive a restart.
      logger.error('pin_lock_not_saved', { code: errorCode(error) });
    }
  };

  const stopIdleTimer = (): void => {
    if (idleTimer !== null) {
      timers.clearTimeout(idleTimer);
      idleTimer = null;
    }
  };

  const startIdleTimer = (): void => {
    stopIdleTimer();
    if (disposed) {
      return;
    }
    idleTimer = timers.setTimeout(() => {
      idleTimer = null;
      if (working.size > 0) {
        // A long export or enrollment is the technician's doing: wait for it to end.
        startIdleTimer();
        return;
      }
      close('idle');
    }, idleCloseMs);
  };

  const close = (why: SessionEnd = 'closed'): void => {
    stopIdleTimer();
    if (!open) {
      return;
    }
    open = false;
    logger.info('service_closed', { why });
    options.onClose?.(why);
  };

  const checkPin = async (pin: string): Promise<UnlockResult> => {
    const pinHash = options.pinHash();
    if (pinHash === undefined) {
      return { ok: false, reason: 'no_pin' };
    }
    const current = await loadLock();
    if (current.lockedUntil !== null) {
      // Locked: not even the right PIN is checked, so the lock cannot be used as an oracle.
      logger.warn('service_unlock_refused', { reason: 'locked' });
      return { ok: false, reason: 'locked', lockedUntil: current.lockedUntil };
    }
    if (await verifyPin(pin, pinHash)) {
      if (current.failures > 0) {
        await saveLock(NO_LOCK);
      }
      const wasOpen = open;
      // A host that stopped while the PIN was checked opens no session behind its back.
      open = !disposed;
      startIdleTimer();
      logger.info('service_unlocked');
      if (!wasOpen && open) {
        options.onOpen?.();
      }
      return { ok: true, idleCloseMs };
    }
    const failures = current.failures + 1;
    if (failures >= MAX_WRONG_PINS) {
      const lockedUntil = now() + PIN_LOCK_MS;
      await saveLock({ failures, lockedUntil });
      logger.warn('service_pin_locked', { failures, lockedForMs: PIN_LOCK_MS });
      return { ok: false, reason: 'locked', lockedUntil };
    }
    await saveLock({ failures, lockedUntil: null });
    const attemptsLeft = MAX_WRONG_PINS - failures;
    logger.warn('service_pin_wrong', { failures, attemptsLeft });
    return { ok: false, reason: 'wrong_pin', attemptsLeft };
  };

  return {
    async pinState() {
      await pinQueue;
      const current = await loadLock();
      return {
        pinSet: options.pinHash() !== undefined,
        lockedUntil: current.lockedUntil,
        attemptsLeft: Math.max(0, MAX_WRONG_PINS - current.failures),
      };
    },
    unlock(pin) {
      const result = pinQueue.then(() => checkPin(pin));
      pinQueue = result.catch(() => undefined);
      return result;
    },
    touch() {
      if (open) {
        startIdleTimer();
      }
      return open;
    },
    isOpen: () => open,
    close,
    async guard(work) {
      if (!open) {
        return SESSION_CLOSED;
      }
      startIdleTimer();
      // The async wrapper turns a throw into a rejection, so the work is always awaited below.
      const running = (async () => work())();
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      working.add(settled);
      try {
        return await running;
      } finally {
        working.delete(settled);
        if (open) {
          startIdleTimer();
        }
      }
    },
    forgetLock() {
      lock = NO_LOCK;
    },
    async dispose() {
      disposed = true;
      stopIdleTimer();
      open = false;
      await Promise.all([pinQueue, ...working]);
    },
  };
}
