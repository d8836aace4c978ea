import { describe, expect, it } from 'vitest';
import { answerLine, createLineSplitter } from './line-firmware';

const identity = { model: 'HYMY-SIM', firmware: '1.0.0', buttons: 4 };

describe('the virtual box firmware', () => {
  it.each([
    ['?', { kind: 'reply', line: 'HELLO HYMY-SIM 1.0.0 4' }],
    ['PING', { kind: 'reply', line: 'PONG' }],
    ['L 4 10000', { kind: 'light', button: 4, ms: 10000 }],
    ['L 5 100', { kind: 'reply', line: 'ERR bad light command' }],
    ['L 0 100', { kind: 'reply', line: 'ERR bad light command' }],
    ['L 1 10001', { kind: 'reply', line: 'ERR bad light command' }],
    ['L 1', { kind: 'reply', line: 'ERR unknown command' }],
    ['ping', { kind: 'reply', line: 'ERR unknown command' }],
    ['', { kind: 'silent' }],
  ])('answers %j', (line, answer) => {
    expect(answerLine(line, identity, true)).toEqual(answer);
  });

  it('ignores PING when pings are switched off', () => {
    expect(answerLine('PING', identity, false)).toEqual({ kind: 'silent' });
  });

  it('splits lines across chunks, drops \\r and discards over-long lines in place', () => {
    const splitter = createLineSplitter();
    expect(splitter.push('PI')).toEqual([]);
    expect(splitter.push('NG\r\n?\n')).toEqual(['PING', '?']);
    expect(splitter.push(`${'x'.repeat(65)}\nL 1 5\n`)).toEqual([null, 'L 1 5']);
    // An endless line is dropped while it streams in, and counted once when it ends.
    expect(splitter.push('y'.repeat(100))).toEqual([]);
    expect(splitter.push('y'.repeat(100))).toEqual([]);
    expect(splitter.push('yy\n?\n')).toEqual([null, '?']);
  });
});
