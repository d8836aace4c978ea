/**
 * Splits the box's byte stream into lines (button-box-protocol.md, "Link"): a line ends with
 * `\n`, a `\r` before it is dropped, and a line longer than 64 bytes is garbage up to the next
 * `\n`. The cap is ours to keep: serialport's ReadlineParser buffers without one, and a box (or
 * a wrong device on the port) that never sends `\n` would otherwise grow the buffer forever.
 */
export const MAX_LINE_BYTES = 64;

export type LineReader = {
  push(chunk: Buffer): void;
  /** Forgets a partial line, as when the port closes: its end will never come. */
  reset(): void;
};

export function createLineReader(handlers: {
  onLine: (line: string) => void;
  /** A line over the limit, counted once however long it went on. */
  onOverlong: () => void;
}): LineReader {
  const buffer = Buffer.alloc(MAX_LINE_BYTES + 1);
  let length = 0;
  let discarding = false;

  return {
    push(chunk) {
      for (const byte of chunk) {
        if (byte === 0x0a) {
          if (discarding) {
            discarding = false;
          } else {
            const end = length > 0 && buffer[length - 1] === 0x0d ? length - 1 : length;
            handlers.onLine(buffer.toString('latin1', 0, end));
          }
          length = 0;
          continue;
        }
        if (discarding) {
          continue;
        }
        buffer[length] = byte;
        length += 1;
        // A `\r` may still come as the 65th byte before `\n` on a 64-byte line.
        const content = buffer[length - 1] === 0x0d ? length - 1 : length;
        if (content > MAX_LINE_BYTES) {
          discarding = true;
          length = 0;
          handlers.onOverlong();
        }
      }
    },
    reset() {
      length = 0;
      discarding = false;
    },
  };
}
