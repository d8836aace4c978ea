import { describe, expect, it } from 'vitest';
import { createSocatLogReader } from './socat-log';

// Lines as socat 1.7.4 prints them with -d -d.
const log = [
  '2026/11/23 18:53:14 socat[17716] N PTY is /dev/pts/0',
  '2026/11/23 18:53:14 socat[17716] N PTY is /dev/pts/1',
  '2026/11/23 18:53:14 socat[17716] N starting data transfer loop with FDs [5,5] and [7,7]',
  '2026/11/23 19:08:48 socat[28350] N read(7, 0x55b8a65e6000, 8192): Input/output error (probably PTY closed)',
  '2026/11/23 19:08:48 socat[28350] N read(5, 0x55b8a65e6000, 8192): Input/output error (probably PTY closed)',
  '2026/11/23 18:55:06 socat[18417] E symlink("/dev/pts/1", "/tmp/nodir/tty"): No such file or directory',
];

describe('reading the socat log', () => {
  it('tells the kiosk opening and closing its side apart from the box side, across chunks', () => {
    const events: string[] = [];
    const reader = createSocatLogReader({
      onKioskOpen: () => events.push('open'),
      onKioskHangUp: () => events.push('hang-up'),
    });
    const text = `${log.join('\n')}\n`;
    reader.push(text.slice(0, 150));
    reader.push(text.slice(150));
    expect(events).toEqual(['open', 'hang-up']);
    expect(reader.errors).toEqual([
      'socat: symlink("/dev/pts/1", "/tmp/nodir/tty"): No such file or directory',
    ]);
  });
});
