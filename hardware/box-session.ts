import type { Timers } from '../core/timers';
import { createBounceFilter } from './bounce-filter';
import { createLineReader } from './line-reader';
import { repeat } from './repeat';
import {
  IDENTIFY_LINE,
  PING_LINE,
  legacyButton,
  lightLine,
  parseBoxLine,
  type BoxMessage,
} from './protocol';

/**
 * One open connection to a box, from the first byte to the port closing: it tells a protocol-1
 * box from a legacy one, reads presses, keeps the box alive with PING, and lights buttons. The
 * port itself is the driver's (button-box.ts); a session only sees bytes in and lines out.
 */

/** How long a protocol-1 box has to answer `?` (button-box-protocol.md, "Liveness"). */
export const IDENTIFY_TIMEOUT_MS = 2000;
export const PING_INTERVAL_MS = 5000;
/** PINGs left unanswered in a row before the box counts as gone. */
export const MAX_MISSED_PONGS = 3;

/**
 * - `identifying`: `?` sent, nothing heard yet.
 * - `silent`: no answer within 2 s; maybe a legacy box (which says nothing until pressed), maybe
 *   a protocol-1 box still booting (an Arduino resets when its port opens). The first byte
 *   decides: a digit is a legacy press, a letter a protocol-1 line.
 */
export type SessionProtocol = 'identifying' | 'silent' | 'line' | 'char';

export type BoxIdentity = { model: string; firmware: string; buttons: number };

export type SessionEvents = {
  /** A press that survived the bounce filter; `at` is epoch ms. */
  onPress(button: number, at: number): void;
  /** The protocol or identity changed, or a line was malformed: the status has news. */
  onChange(): void;
  /** The box reported a fault with `ERR <text>`. */
  onBoxError(text: string): void;
  /** Three PINGs in a row went unanswered: the caller closes the port and reconnects. */
  onDead(): void;
  write(line: string): void;
};

export type SessionClock = {
  /** Epoch ms, for the press's `at`. */
  now(): number;
  /** Monotonic ms, for bounce. */
  monotonic(): number;
};

export type BoxSession = {
  push(chunk: Buffer): void;
  /** Lights a button if the box can; false for a legacy box or before the box is known. */
  light(button: number, ms: number): boolean;
  readonly protocol: SessionProtocol;
  readonly identity: BoxIdentity | null;
  readonly malformed: number;
  stop(): void;
};

const isDigitByte = (byte: number): boolean => legacyButton(byte) !== null;
const isSpace = (byte: number): boolean =>
  byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x00;

export function startBoxSession(
  events: SessionEvents,
  timers: Timers,
  clock: SessionClock = { now: Date.now, monotonic: () => performance.now() },
): BoxSession {
  let protocol: SessionProtocol = 'identifying';
  let identity: BoxIdentity | null = null;
  let malformed = 0;
  let missedPongs = 0;
  let pingOutstanding = false;
  let stopPings: (() => void) | null = null;
  let stopped = false;
  const bounce = createBounceFilter();

  const countMalformed = (): void => {
    malformed += 1;
    events.onChange();
  };

  const press = (button: number): void => {
    if (bounce.accept(button, clock.monotonic())) {
      events.onPress(button, clock.now());
    }
  };

  const onMessage = (message: BoxMessage): void => {
    switch (message.kind) {
      case 'hello':
        identity = { model: message.model, firmware: message.firmware, buttons: message.buttons };
        events.onChange();
        return;
      case 'press':
        if (identity !== null && message.button > identity.buttons) {
          // A button the box said it does not have: noise, not an answer.
          countMalformed();
          return;
        }
        press(message.button);
        return;
      case 'release':
        bounce.released(message.button);
        return;
      case 'pong':
        return;
      case 'error':
        events.onBoxError(message.text);
        return;
    }
  };

  const lines = createLineReader({
    onLine(line) {
      const message = parseBoxLine(line);
      if (message === null) {
        // An empty line is a stray line ending, not worth a count.
        if (line.length > 0) {
          countMalformed();
        }
        return;
      }
      // Any well-formed line proves the box is there, a PONG most of all.
      missedPongs = 0;
      pingOutstanding = false;
      onMessage(message);
    },
    onOverlong: countMalformed,
  });

  const tick = (): void => {
    if (pingOutstanding) {
      missedPongs += 1;
      if (missedPongs >= MAX_MISSED_PONGS) {
        stop();
        events.onDead();
        return;
      }
    }
    pingOutstanding = true;
    events.write(PING_LINE);
  };

  const becomeLine = (): void => {
    protocol = 'line';
    stopPings ??= repeat(timers, PING_INTERVAL_MS, tick);
    events.onChange();
  };

  const becomeChar = (): void => {
    protocol = 'char';
    events.onChange();
  };

  const pushChar = (chunk: Buffer): void => {
    for (const byte of chunk) {
      const button = legacyButton(byte);
      if (button !== null) {
        press(button);
      } else if (!isSpace(byte)) {
        countMalformed();
      }
    }
  };

  const identifyTimer = timers.setTimeout(() => {
    if (protocol === 'identifying') {
      protocol = 'silent';
      events.onChange();
    }
  }, IDENTIFY_TIMEOUT_MS);

  function stop(): void {
    stopped = true;
    timers.clearTimeout(identifyTimer);
    stopPings?.();
    stopPings = null;
  }

  events.write(IDENTIFY_LINE);

  return {
    push(chunk) {
      if (stopped) {
        return;
      }
      if (protocol === 'identifying' || protocol === 'silent') {
        const first = chunk.findIndex((byte) => !isSpace(byte));
        if (first === -1) {
          return;
        }
        const byte = chunk[first] ?? 0;
        timers.clearTimeout(identifyTimer);
        if (isDigitByte(byte)) {
          becomeChar();
        } else {
          becomeLine();
        }
        chunk = chunk.subarray(first);
      }
      if (protocol === 'char') {
        pushChar(chunk);
      } else {
        lines.push(chunk);
      }
    },
    light(button, ms) {
      if (stopped || protocol !== 'line') {
        return false;
      }
      events.write(lightLine(button, ms));
      return true;
    },
    get protocol() {
      return protocol;
    },
    get identity() {
      return identity;
    },
    get malformed() {
      return malformed;
    },
    stop,
  };
}
