import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('buttonbox:sim arguments', () => {
  it('defaults to a protocol-1 box with four buttons on a fresh path', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { protocol: 'line', buttons: 4, path: undefined },
    });
  });

  it('takes protocol, buttons and path in either spelling', () => {
    expect(parseCliArgs(['--protocol', 'char', '--buttons=9', '--path', '/tmp/x/tty'])).toEqual({
      kind: 'run',
      options: { protocol: 'char', buttons: 9, path: '/tmp/x/tty' },
    });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--buttons', '0'], '--buttons is a number from 1 to 9'],
    [['--buttons', '10'], '--buttons is a number from 1 to 9'],
    [['--buttons', '2.5'], '--buttons is a number from 1 to 9'],
    [['--protocol', 'hid'], '--protocol is line or char'],
    [['--path', ''], '--path needs a file path'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray'], 'stray'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toContain(message);
  });
});
