import type { Timers } from '../core/timers';
import { candidatePorts, isKnownBox, preferredPath, type PortInfo } from './known-boxes';
import { parseBoxLine, IDENTIFY_LINE } from './protocol';
import { createLineReader } from './line-reader';
import type { SerialAccess } from './serial-access';
import { IDENTIFY_TIMEOUT_MS } from './box-session';

/**
 * How long a probed port has to say HELLO. An Arduino Uno resets when its port opens and says
 * HELLO on boot some 1.5–2 s later, after our first `?` was lost to the reset: so the probe asks
 * again at 2 s and waits past it.
 */
export const PROBE_TIMEOUT_MS = 3500;

/**
 * `path: "auto"` (button-box-protocol.md): a port with a known box's USB id, or else the
 * first USB serial port whose device answers `?` with `HELLO`. Null when there is none.
 */
export async function findBoxPort(
  serial: SerialAccess,
  baudRate: number,
  timers: Timers,
  probeTimeoutMs = PROBE_TIMEOUT_MS,
): Promise<string | null> {
  const ports = candidatePorts(await serial.list());
  // `/dev/serial/by-id/…` survives a move to another USB socket; the plain node is the fallback.
  const pathOf = async (port: PortInfo): Promise<string> =>
    (await serial.present(preferredPath(port))) ? preferredPath(port) : port.path;
  const known = ports.find(isKnownBox);
  if (known) {
    return pathOf(known);
  }
  for (const port of ports) {
    if (await answersHello(serial, port.path, baudRate, timers, probeTimeoutMs)) {
      return pathOf(port);
    }
  }
  return null;
}

async function answersHello(
  serial: SerialAccess,
  path: string,
  baudRate: number,
  timers: Timers,
  timeoutMs: number,
): Promise<boolean> {
  let connection;
  try {
    connection = await serial.open(path, baudRate);
  } catch {
    return false;
  }
  const open = connection;
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = timers.setTimeout(() => {
        timers.clearTimeout(again);
        resolve(false);
      }, timeoutMs);
      const again = timers.setTimeout(() => open.write(IDENTIFY_LINE), IDENTIFY_TIMEOUT_MS);
      const lines = createLineReader({
        onLine(line) {
          if (parseBoxLine(line)?.kind === 'hello') {
            timers.clearTimeout(timer);
            timers.clearTimeout(again);
            resolve(true);
          }
        },
        onOverlong: () => undefined,
      });
      open.onData((chunk) => lines.push(chunk));
      open.onGone(() => {
        timers.clearTimeout(timer);
        timers.clearTimeout(again);
        resolve(false);
      });
      open.write(IDENTIFY_LINE);
    });
  } finally {
    await open.close();
  }
}
