import { describe, expect, it } from 'vitest';
import { createLineReader, MAX_LINE_BYTES } from './line-reader';

function reader() {
  const lines: string[] = [];
  let overlong = 0;
  const lineReader = createLineReader({
    onLine: (line) => lines.push(line),
    onOverlong: () => (overlong += 1),
  });
  return {
    push: (text: string) => lineReader.push(Buffer.from(text, 'latin1')),
    lines,
    overlong: () => overlong,
    reset: () => lineReader.reset(),
  };
}

describe('the line reader', () => {
  it('splits lines on \\n and drops the \\r before it, across chunk boundaries', () => {
    const r = reader();
    r.push('HELLO HYMY-BOX 1.2.0 4\r\nP ');
    r.push('3\nPO');
    r.push('NG\r');
    r.push('\n');
    expect(r.lines).toEqual(['HELLO HYMY-BOX 1.2.0 4', 'P 3', 'PONG']);
  });

  it('keeps a line of exactly 64 bytes, with or without \\r', () => {
    const r = reader();
    const line = 'E'.repeat(MAX_LINE_BYTES);
    r.push(`${line}\n${line}\r\n`);
    expect(r.lines).toEqual([line, line]);
    expect(r.overlong()).toBe(0);
  });

  it('discards a 65-byte line up to its \\n, counts it once, and reads the next line', () => {
    const r = reader();
    r.push(`P 1${'x'.repeat(62)}`);
    r.push('x'.repeat(10_000));
    r.push('still the same line\nP 2\n');
    expect(r.lines).toEqual(['P 2']);
    expect(r.overlong()).toBe(1);
  });

  it('forgets a partial line on reset, as when the port closes', () => {
    const r = reader();
    r.push('P ');
    r.reset();
    r.push('1\n');
    expect(r.lines).toEqual(['1']);
  });
});
