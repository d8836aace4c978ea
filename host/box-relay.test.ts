import { describe, expect, it, vi } from 'vitest';
import type { ButtonPress } from '../core';
import type { BoxPress, ButtonBoxDriver } from '../hardware/button-box';
import { ACK_WINDOW_MS, createBoxRelay } from './box-relay';
import { createLogger } from './log';

function fakeDriver() {
  let press: ((press: BoxPress) => void) | null = null;
  const lit: [number, number][] = [];
  const driver: ButtonBoxDriver = {
    onPress: (listener) => {
      press = listener;
      return () => (press = null);
    },
    onStatus: () => () => undefined,
    light: (button, ms) => {
      lit.push([button, ms]);
      return true;
    },
    status: () => ({
      connected: true,
      port: '/dev/x',
      model: null,
      firmware: null,
      protocol: 'line',
      malformedLines: 0,
      lastPressAt: null,
      problem: null,
      boxError: null,
    }),
    close: vi.fn(() => Promise.resolve()),
  };
  return { driver, lit, press: (button: number) => press?.({ button, at: 1 }) };
}

function relay() {
  const box = fakeDriver();
  let clock = 0;
  const lines: string[] = [];
  const port = createBoxRelay(box.driver, {
    logger: createLogger({ write: (line) => lines.push(line) }),
    lightMs: () => 1500,
    now: () => clock,
  });
  const presses: ButtonPress[] = [];
  port.onPress((press) => presses.push(press));
  return { box, port, presses, lines, advance: (ms: number) => (clock += ms) };
}

describe('the box relay', () => {
  it('gives every press its own id and lights that press’s button when it is acked', async () => {
    const r = relay();
    r.box.press(3);
    r.box.press(1);
    expect(r.presses.map((press) => press.button)).toEqual([3, 1]);
    expect(new Set(r.presses.map((press) => press.pressId)).size).toBe(2);
    await r.port.ack(r.presses[1]!.pressId);
    expect(r.box.lit).toEqual([[1, 1500]]);
  });

  it('a press that was never acked is never lit', async () => {
    const r = relay();
    r.box.press(2);
    await r.port.ack('not-a-press');
    expect(r.box.lit).toEqual([]);
    expect(r.lines.join('')).toContain('"event":"ack_unknown_press"');
  });

  it('lights a press once, however often it is acked', async () => {
    const r = relay();
    r.box.press(2);
    await r.port.ack(r.presses[0]!.pressId);
    await r.port.ack(r.presses[0]!.pressId);
    expect(r.box.lit).toEqual([[2, 1500]]);
  });

  it('does not light a press acked after the patient has long gone', async () => {
    const r = relay();
    r.box.press(4);
    r.advance(ACK_WINDOW_MS + 1);
    await r.port.ack(r.presses[0]!.pressId);
    expect(r.box.lit).toEqual([]);
  });
});
