/**
 * Protocol 1 of the button box (button-box-protocol.md), as pure functions: what a line from
 * the box means, and the lines the kiosk sends. Parsing is strict, because a line that is
 * almost right is more likely noise or a wrong device than a press.
 */

export type BoxMessage =
  | { kind: 'hello'; model: string; firmware: string; buttons: number }
  | { kind: 'press'; button: number }
  | { kind: 'release'; button: number }
  | { kind: 'pong' }
  | { kind: 'error'; text: string };

/** The most buttons a box may have: one digit, as legacy boxes and keys 1–9 have. */
export const MAX_BUTTONS = 9;

/** The longest `L` the protocol allows. */
export const MAX_LIGHT_MS = 10_000;

const BUTTON = /^[1-9]$/;
const TOKEN = /^[\x21-\x7e]+$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

function buttonOf(token: string | undefined): number | null {
  return token !== undefined && BUTTON.test(token) ? Number(token) : null;
}

/** One line from the box, without its line ending; null when it is not protocol 1. */
export function parseBoxLine(line: string): BoxMessage | null {
  if (!PRINTABLE.test(line)) {
    return null;
  }
  if (line === 'PONG') {
    return { kind: 'pong' };
  }
  if (line.startsWith('ERR ')) {
    const text = line.slice(4);
    return text.length > 0 && text.trim() === text ? { kind: 'error', text } : null;
  }
  const tokens = line.split(' ');
  const [head, ...rest] = tokens;
  if ((head === 'P' || head === 'R') && rest.length === 1) {
    const button = buttonOf(rest[0]);
    if (button === null) {
      return null;
    }
    return head === 'P' ? { kind: 'press', button } : { kind: 'release', button };
  }
  if (head === 'HELLO' && rest.length === 3) {
    const [model, firmware, count] = rest as [string, string, string];
    const buttons = buttonOf(count);
    if (!TOKEN.test(model) || !TOKEN.test(firmware) || buttons === null) {
      return null;
    }
    return { kind: 'hello', model, firmware, buttons };
  }
  return null;
}

export const IDENTIFY_LINE = '?\n';
export const PING_LINE = 'PING\n';

/** `L <n> <ms>`: light button n's LED, for at most the protocol's 10 s. */
export function lightLine(button: number, ms: number): string {
  const clamped = Math.min(MAX_LIGHT_MS, Math.max(1, Math.round(ms)));
  return `L ${button} ${clamped}\n`;
}

/**
 * A legacy box sends one ASCII digit per press and nothing else. Returns the button, or null
 * for a byte that is not a press (counted as malformed by the caller).
 */
export function legacyButton(byte: number): number | null {
  return byte >= 0x31 && byte <= 0x39 ? byte - 0x30 : null;
}
