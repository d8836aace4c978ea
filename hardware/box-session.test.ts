import { describe, expect, it } from 'vitest';
import { manualClock } from '../core/timers';
import {
  IDENTIFY_TIMEOUT_MS,
  PING_INTERVAL_MS,
  startBoxSession,
  type BoxSession,
} from './box-session';

function session() {
  const written: string[] = [];
  const presses: { button: number; at: number }[] = [];
  const boxErrors: string[] = [];
  let dead = 0;
  let monotonic = 0;
  const clock = manualClock();
  const box: BoxSession = startBoxSession(
    {
      onPress: (button, at) => presses.push({ button, at }),
      onChange: () => undefined,
      onBoxError: (text) => boxErrors.push(text),
      onDead: () => (dead += 1),
      write: (line) => written.push(line),
    },
    clock.timers,
    { now: () => 1_700_000_000_000 + monotonic, monotonic: () => monotonic },
  );
  return {
    box,
    written,
    presses,
    boxErrors,
    dead: () => dead,
    /** Time passing: the session's timers that fall due run. */
    async advance(ms: number) {
      monotonic += ms;
      await clock.advance(ms);
    },
    /** Bytes from the box, `ms` after the previous ones. */
    async receive(text: string, ms = 0) {
      monotonic += ms;
      await clock.advance(ms);
      box.push(Buffer.from(text, 'latin1'));
    },
  };
}

describe('a protocol-1 box', () => {
  it('is asked who it is, answers HELLO, and its presses become answers', async () => {
    const s = session();
    expect(s.written).toEqual(['?\n']);
    await s.receive('HELLO HYMY-BOX 1.2.0 4\r\n');
    expect(s.box.protocol).toBe('line');
    expect(s.box.identity).toEqual({ model: 'HYMY-BOX', firmware: '1.2.0', buttons: 4 });
    await s.receive('P 3\nR 3\n', 500);
    expect(s.presses.map((press) => press.button)).toEqual([3]);
  });

  it('drops contact bounce: the same button within 150 ms is one press', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n');
    await s.receive('P 2\n', 1000);
    await s.receive('P 2\n', 20);
    await s.receive('P 1\n', 10);
    await s.receive('P 2\n', 150);
    expect(s.presses.map((press) => press.button)).toEqual([2, 1, 2]);
  });

  it('reads a press, release, press read back to back (a busy host) as two presses', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n');
    await s.receive('P 2\nR 2\nP 2\nP 2\n', 1000);
    expect(s.presses.map((press) => press.button)).toEqual([2, 2]);
  });

  it('counts garbage, over-long lines and buttons the box does not have, and answers none', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n');
    await s.receive(`P 1x\nhello\n${'P'.repeat(200)}\nP 7\n\n\x00\x01\nP 4\n`);
    expect(s.presses.map((press) => press.button)).toEqual([4]);
    expect(s.box.malformed).toBe(5);
  });

  it('lights a stored press with L, never more than 10 s', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n');
    expect(s.box.light(3, 1500)).toBe(true);
    expect(s.box.light(2, 99_999)).toBe(true);
    expect(s.written.slice(1)).toEqual(['L 3 1500\n', 'L 2 10000\n']);
  });

  it('passes the box’s ERR on', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\nERR button 2 stuck\n');
    expect(s.boxErrors).toEqual(['button 2 stuck']);
  });

  it('pings every 5 s and gives the box up after three unanswered PINGs', async () => {
    const s = session();
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n');
    await s.advance(PING_INTERVAL_MS);
    expect(s.written.at(-1)).toBe('PING\n');
    await s.receive('PONG\n');
    await s.advance(PING_INTERVAL_MS * 3);
    expect(s.dead()).toBe(0);
    await s.advance(PING_INTERVAL_MS);
    expect(s.dead()).toBe(1);
    // Once given up, it writes nothing more and lights nothing.
    const count = s.written.length;
    await s.advance(PING_INTERVAL_MS * 5);
    expect(s.box.light(1, 1000)).toBe(false);
    expect(s.written.length).toBe(count);
  });
});

describe('a legacy single-byte box', () => {
  it('sends digits for presses; it gets no PING and no L', async () => {
    const s = session();
    await s.receive('3');
    expect(s.box.protocol).toBe('char');
    await s.receive('1x4', 500);
    expect(s.presses.map((press) => press.button)).toEqual([3, 1, 4]);
    expect(s.box.malformed).toBe(1);
    await s.advance(PING_INTERVAL_MS * 4);
    expect(s.box.light(1, 1000)).toBe(false);
    expect(s.written).toEqual(['?\n']);
    expect(s.dead()).toBe(0);
  });

  it('drops bounce like any box', async () => {
    const s = session();
    await s.receive('22');
    await s.receive('2', 200);
    expect(s.presses.map((press) => press.button)).toEqual([2, 2]);
  });
});

describe('a box that says nothing at first', () => {
  it('is silent after 2 s; a HELLO later (an Arduino still booting) makes it protocol 1', async () => {
    const s = session();
    await s.advance(IDENTIFY_TIMEOUT_MS);
    expect(s.box.protocol).toBe('silent');
    await s.receive('HELLO HYMY-BOX 1.2.0 4\n', 500);
    expect(s.box.protocol).toBe('line');
  });

  it('is silent after 2 s; a digit later makes it legacy and is a press', async () => {
    const s = session();
    await s.advance(IDENTIFY_TIMEOUT_MS);
    await s.receive('4', 3000);
    expect(s.box.protocol).toBe('char');
    expect(s.presses.map((press) => press.button)).toEqual([4]);
  });
});
