import { candidatePorts, isKnownBox, preferredPath } from './known-boxes';
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
  probeTimeoutMs = PROBE_TIMEOUT_MS,
): Promise<string | null> {
  const ports = candidatePorts(await serial.list());
  const known = ports.find(isKnownBox);
  if (known) {
    const byId = preferredPath(known);
    return (await serial.present(byId)) ? byId : known.path;
  }
  for (const port of ports) {
    if (await answersHello(serial, port.path, baudRate, probeTimeoutMs)) {
      return preferredPath(port) !== port.path && (await serial.present(preferredPath(port)))
        ? preferredPath(port)
        : port.path;
    }
  }
  return null;
}

async function answersHello(
  serial: SerialAccess,
  path: string,
  baudRate: number,
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
      const timer = setTimeout(() => {
        clearTimeout(again);
        resolve(false);
      }, timeoutMs);
      const again = setTimeout(() => open.write(IDENTIFY_LINE), IDENTIFY_TIMEOUT_MS);
      const lines = createLineReader({
        onLine(line) {
          if (parseBoxLine(line)?.kind === 'hello') {
            clearTimeout(timer);
            clearTimeout(again);
            resolve(true);
          }
        },
        onOverlong: () => undefined,
      });
      open.onData((chunk) => lines.push(chunk));
      open.onGone(() => {
        clearTimeout(timer);
        clearTimeout(again);
        resolve(false);
      });
      open.write(IDENTIFY_LINE);
    });
  } finally {
    await open.close();
  }
}
