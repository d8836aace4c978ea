import { describe, expect, it } from 'vitest';
import { legacyButton, lightLine, parseBoxLine } from './protocol';

describe('parseBoxLine', () => {
  it.each([
    ['HELLO HYMY-BOX 1.2.0 4', { kind: 'hello', model: 'HYMY-BOX', firmware: '1.2.0', buttons: 4 }],
    ['P 1', { kind: 'press', button: 1 }],
    ['P 9', { kind: 'press', button: 9 }],
    ['R 3', { kind: 'release', button: 3 }],
    ['PONG', { kind: 'pong' }],
    ['ERR button 2 stuck', { kind: 'error', text: 'button 2 stuck' }],
  ])('reads %j', (line, message) => {
    expect(parseBoxLine(line)).toEqual(message);
  });

  it.each([
    '',
    'P',
    'P 0',
    'P 10',
    'P 01',
    'P  1',
    'P 1 ',
    ' P 1',
    'P -1',
    'P 1.0',
    'p 1',
    'P\t1',
    'PONG ',
    'PING',
    'HELLO',
    'HELLO HYMY-BOX 1.2.0',
    'HELLO HYMY-BOX 1.2.0 0',
    'HELLO HYMY-BOX 1.2.0 4 extra',
    'ERR',
    'ERR ',
    'ERR  two spaces',
    'P 1\u0000',
    'P \u00e9',
    'L 1 500',
    '?',
  ])('refuses %j as malformed', (line) => {
    expect(parseBoxLine(line)).toBeNull();
  });
});

describe('the kiosk’s lines', () => {
  it('lights within the protocol’s 10 s', () => {
    expect(lightLine(3, 1500)).toBe('L 3 1500\n');
    expect(lightLine(3, 60_000)).toBe('L 3 10000\n');
    expect(lightLine(1, 0)).toBe('L 1 1\n');
  });
});

describe('legacy bytes', () => {
  it('reads digits 1–9 as buttons and nothing else', () => {
    expect([...'0123456789a\n'].map((c) => legacyButton(c.charCodeAt(0)))).toEqual([
      null,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
      null,
      null,
    ]);
  });
});
