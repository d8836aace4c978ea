import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKioskArgs } from './args';

const cwd = path.resolve('/home/kiosk');

describe('parseKioskArgs', () => {
  it.each([
    [['/usr/bin/electron', '.'], null],
    [['/usr/bin/electron', '.', '--data-dir', '/var/lib/hymy'], path.resolve('/var/lib/hymy')],
    [['/usr/bin/electron', '.', '--data-dir=/var/lib/hymy'], path.resolve('/var/lib/hymy')],
    [['/usr/bin/electron', '.', '--data-dir', 'data'], path.join(cwd, 'data')],
    [
      ['electron', '--inspect=0', '--remote-debugging-port=0', '/repo', '--data-dir', '/tmp/t1'],
      path.resolve('/tmp/t1'),
    ],
    [['/opt/Hymy/hymy', '--data-dir', '/srv/hymy', '--no-sandbox'], path.resolve('/srv/hymy')],
  ])('%j gives the data dir %s', (argv, dataDir) => {
    expect(parseKioskArgs(argv, cwd)).toEqual({ ok: true, dataDir, demo: false });
  });

  it('takes --demo anywhere (npm start without its embedded server)', () => {
    expect(parseKioskArgs(['electron', '/repo', '--data-dir', '/tmp/t', '--demo'], cwd)).toEqual({
      ok: true,
      dataDir: path.resolve('/tmp/t'),
      demo: true,
    });
  });

  it.each([
    [['electron', '.', '--data-dir']],
    [['electron', '.', '--data-dir=']],
    [['electron', '.', '--data-dir', '--kiosk']],
  ])('%j is refused with a message', (argv) => {
    expect(parseKioskArgs(argv, cwd)).toEqual({
      ok: false,
      message: expect.stringContaining('--data-dir') as unknown,
    });
  });
});
