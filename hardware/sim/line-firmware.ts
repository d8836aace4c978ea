// What a protocol-1 box answers to each line from the kiosk (button-box-protocol.md), as pure
// functions so the rules can be read and tested apart from the pseudo-terminal plumbing.

export type BoxIdentity = { model: string; firmware: string; buttons: number };

export type LineAnswer =
  | { kind: 'reply'; line: string }
  | { kind: 'light'; button: number; ms: number }
  | { kind: 'silent' };

/** The protocol's longest line; a longer one is garbage up to the next `\n`. */
export const maxLineBytes = 64;
const maxLightMs = 10_000;

export function helloLine(identity: BoxIdentity): string {
  return `HELLO ${identity.model} ${identity.firmware} ${identity.buttons}`;
}

export function answerLine(line: string, identity: BoxIdentity, answerPings: boolean): LineAnswer {
  if (line === '') {
    return { kind: 'silent' };
  }
  if (line === '?') {
    return { kind: 'reply', line: helloLine(identity) };
  }
  if (line === 'PING') {
    return answerPings ? { kind: 'reply', line: 'PONG' } : { kind: 'silent' };
  }
  const light = /^L (\d+) (\d+)$/.exec(line);
  if (light === null) {
    return { kind: 'reply', line: 'ERR unknown command' };
  }
  const button = Number(light[1]);
  const ms = Number(light[2]);
  if (button < 1 || button > identity.buttons || ms > maxLightMs) {
    return { kind: 'reply', line: 'ERR bad light command' };
  }
  return { kind: 'light', button, ms };
}

export type LineSplitter = {
  /**
   * The lines completed by `chunk`, in order, a trailing `\r` dropped; `null` stands for a
   * line discarded as too long, so its complaint can be answered in its place.
   */
  push(chunk: string): (string | null)[];
};

export function createLineSplitter(): LineSplitter {
  let partial = '';
  let discarding = false;
  return {
    push(chunk) {
      const lines: (string | null)[] = [];
      const pieces = (partial + chunk).split('\n');
      partial = pieces.pop() ?? '';
      for (const piece of pieces) {
        const line = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
        lines.push(discarding || line.length > maxLineBytes ? null : line);
        discarding = false;
      }
      // Bound memory: an endless line is dropped as it streams in, not kept until its `\n`.
      if (partial.length > maxLineBytes + 1) {
        partial = '';
        discarding = true;
      }
      return lines;
    },
  };
}
