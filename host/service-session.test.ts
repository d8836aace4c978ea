import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { manualClock, type ManualClock } from '../core/timers';
import { hashPin } from './pin';
import {
  createServiceSession,
  IDLE_CLOSE_MS,
  PIN_LOCK_FILE,
  PIN_LOCK_MS,
  type ServiceSessionOptions,
  type SessionEnd,
} from './service-session';

const PIN = '482913';
/** A cheap scrypt cost: the hash carries its parameters, so checking it stays cheap too. */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };

let pinHash: string;
let dataDir: string;
let clock: ManualClock;
let nowMs: number;
let logLines: string[];
let ends: SessionEnd[];

beforeAll(async () => {
  const hashed = await hashPin(PIN, TEST_COST);
  if (!hashed.ok) {
    throw new Error('the test PIN is malformed');
  }
  pinHash = hashed.pinHash;
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hymy-session-'));
  clock = manualClock();
  nowMs = Date.parse('2026-03-02T08:00:00Z');
  logLines = [];
  ends = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function session(extra: Partial<ServiceSessionOptions> = {}) {
  return createServiceSession({
    dataDir,
    pinHash: () => pinHash,
    timers: clock.timers,
    now: () => nowMs,
    logger: createLogger({ write: (line) => logLines.push(line) }),
    onClose: (why) => ends.push(why),
    ...extra,
  });
}

async function wrong(times: number, pad = session()) {
  const results = [];
  for (let i = 0; i < times; i += 1) {
    results.push(await pad.unlock('000000'));
  }
  return results;
}

describe('the PIN pad', () => {
  it('opens the session with the right PIN and says when it closes itself', async () => {
    const pad = session();
    expect(await pad.pinState()).toEqual({ pinSet: true, lockedUntil: null, attemptsLeft: 5 });
    expect(await pad.unlock(PIN)).toEqual({ ok: true, idleCloseMs: IDLE_CLOSE_MS });
    expect(pad.isOpen()).toBe(true);
  });

  it('a wrong PIN says how many tries are left', async () => {
    const pad = session();
    expect(await pad.unlock('111111')).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: 4 });
    expect(await pad.unlock('12')).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: 3 });
    expect(pad.isOpen()).toBe(false);
  });

  it('five wrong PINs lock the pad for five minutes, and then even the right PIN is refused', async () => {
    const pad = session();
    const results = await wrong(5, pad);
    const lockedUntil = nowMs + PIN_LOCK_MS;
    expect(results.at(-1)).toEqual({ ok: false, reason: 'locked', lockedUntil });
    expect(await pad.unlock(PIN)).toEqual({ ok: false, reason: 'locked', lockedUntil });
    expect(pad.isOpen()).toBe(false);
    expect(await pad.pinState()).toEqual({ pinSet: true, lockedUntil, attemptsLeft: 0 });
  });

  it('the lock survives a restart, and its file is readable by the owner only', async () => {
    await wrong(5);
    const restarted = session();
    expect(await restarted.unlock(PIN)).toMatchObject({ ok: false, reason: 'locked' });
    expect((await stat(join(dataDir, PIN_LOCK_FILE))).mode & 0o777).toBe(0o600);
  });

  it('when the lock is over the technician gets five tries again', async () => {
    await wrong(5);
    nowMs += PIN_LOCK_MS;
    const pad = session();
    expect(await pad.pinState()).toEqual({ pinSet: true, lockedUntil: null, attemptsLeft: 5 });
    expect(await pad.unlock('000000')).toEqual({ ok: false, reason: 'wrong_pin', attemptsLeft: 4 });
    expect(await pad.unlock(PIN)).toMatchObject({ ok: true });
  });

  it('a right PIN forgets the wrong ones before it, also after a restart', async () => {
    await wrong(4);
    expect(await session().unlock(PIN)).toMatchObject({ ok: true });
    expect(await session().unlock('000000')).toEqual({
      ok: false,
      reason: 'wrong_pin',
      attemptsLeft: 4,
    });
  });

  it('guesses sent all at once are counted one by one', async () => {
    const pad = session();
    const results = await Promise.all(Array.from({ length: 7 }, () => pad.unlock('000000')));
    expect(
      results.map((result) => ('attemptsLeft' in result ? result.attemptsLeft : 'locked')),
    ).toEqual([4, 3, 2, 1, 'locked', 'locked', 'locked']);
  });

  it('a clock set back does not make the lock longer than five minutes', async () => {
    await wrong(5);
    nowMs -= 24 * 60 * 60_000;
    expect(await session().pinState()).toMatchObject({ lockedUntil: nowMs + PIN_LOCK_MS });
  });

  it('a terminal without a PIN cannot be opened at all', async () => {
    const pad = session({ pinHash: () => undefined });
    expect(await pad.pinState()).toMatchObject({ pinSet: false });
    expect(await pad.unlock(PIN)).toEqual({ ok: false, reason: 'no_pin' });
  });

  it('a data dir it cannot write still locks the pad, and says so in the log', async () => {
    const file = join(dataDir, 'not-a-dir');
    await writeFile(file, '');
    const pad = session({ dataDir: file });
    expect((await wrong(5, pad)).at(-1)).toMatchObject({ reason: 'locked' });
    expect(await pad.unlock(PIN)).toMatchObject({ reason: 'locked' });
    expect(logLines.join('')).toContain('"event":"pin_lock_not_saved"');
  });

  it('logs wrong PINs and the lock, never the PIN itself', async () => {
    const pad = session();
    await wrong(5, pad);
    await pad.unlock(PIN);
    const events = logLines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toContain('service_pin_wrong');
    expect(events).toContain('service_pin_locked');
    expect(logLines.join('')).not.toContain(PIN);
    expect(logLines.join('')).not.toContain('000000');
  });
});

describe('the service session', () => {
  it('closes itself after two minutes without a call, and says it was idle', async () => {
    const pad = session();
    await pad.unlock(PIN);
    expect(clock.pending()).toEqual([IDLE_CLOSE_MS]);
    clock.fire();
    expect(pad.isOpen()).toBe(false);
    expect(ends).toEqual(['idle']);
    expect(pad.touch()).toBe(false);
  });

  it('a touch or a service call starts the two minutes again', async () => {
    const pad = session();
    await pad.unlock(PIN);
    expect(pad.touch()).toBe(true);
    expect(await pad.guard(() => 'done')).toBe('done');
    // Only one timer is ever pending: each call replaced the one before.
    expect(clock.pending()).toEqual([IDLE_CLOSE_MS]);
  });

  it('does not close under a long piece of work, only after it', async () => {
    const pad = session();
    await pad.unlock(PIN);
    let finish: () => void = () => undefined;
    const work = pad.guard(() => new Promise<string>((resolve) => (finish = () => resolve('ok'))));
    clock.fire();
    expect(pad.isOpen()).toBe(true);
    finish();
    expect(await work).toBe('ok');
    clock.fire();
    expect(pad.isOpen()).toBe(false);
  });

  it('answers session_closed to a guarded call while no session is open', async () => {
    const pad = session();
    let ran = false;
    expect(await pad.guard(() => (ran = true))).toEqual({ ok: false, reason: 'session_closed' });
    expect(ran).toBe(false);
  });

  it('closed by the technician, it says so and stops its timer', async () => {
    const pad = session();
    await pad.unlock(PIN);
    pad.close();
    expect(ends).toEqual(['closed']);
    expect(clock.pending()).toEqual([]);
  });
});

describe('when the host stops', () => {
  it('waits for a PIN being checked, keeps its lock on the disk, and opens no session after', async () => {
    const pad = session();
    await wrong(4, pad);
    const order: string[] = [];
    const checking = pad.unlock(PIN).then((result) => {
      order.push('checked');
      return result;
    });
    const disposing = pad.dispose().then(() => order.push('disposed'));
    await disposing;
    expect(order).toEqual(['checked', 'disposed']);
    // The right PIN forgot the wrong ones on the disk before the host was told it had stopped.
    expect(JSON.parse(await readFile(join(dataDir, PIN_LOCK_FILE), 'utf8'))).toEqual({
      failures: 0,
      lockedUntil: null,
    });
    await checking;
    expect(pad.isOpen()).toBe(false);
    expect(clock.pending()).toEqual([]);
  });

  it('waits for a service call under way, and sets no idle timer after it', async () => {
    const pad = session();
    await pad.unlock(PIN);
    let finish: () => void = () => undefined;
    const work = pad.guard(() => new Promise<string>((resolve) => (finish = () => resolve('ok'))));
    let disposed = false;
    const disposing = pad.dispose().then(() => (disposed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(disposed).toBe(false);
    finish();
    await disposing;
    expect(await work).toBe('ok');
    expect(pad.isOpen()).toBe(false);
    expect(clock.pending()).toEqual([]);
  });
});
