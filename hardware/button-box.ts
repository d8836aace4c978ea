import type { ButtonBoxStatus } from '../core/bridge';
import type { Timers } from '../core/timers';
import type { BoxLogger } from './box-log';
import { startBoxSession, type BoxSession, type SessionClock } from './box-session';
import { candidatePorts } from './known-boxes';
import { findBoxPort } from './port-finder';
import { LIST_POLL_MS, PRESENCE_POLL_MS, reconnectDelay } from './reconnect';
import { repeat } from './repeat';
import {
  createSerialAccess,
  serialErrorCode,
  type SerialAccess,
  type SerialConnection,
} from './serial-access';

/**
 * The button box driver: finds and opens the port, runs a session on it, and when the box is
 * lost (unplugged, read error, three unanswered PINGs) opens it again, for as long as the kiosk
 * runs. serialport never reconnects by itself, so every reconnect is a new port instance; and a
 * device that was just unplugged may refuse with "Cannot lock port" for a while, so a failed
 * open is simply retried.
 */

export type SerialTarget = { kind: 'auto' } | { kind: 'path'; path: string };

export type BoxPress = { button: number; at: number };

export type ButtonBoxDriverOptions = {
  target: SerialTarget;
  logger: BoxLogger;
  /** Read at every open, so a changed config applies at the next reconnect. */
  baudRate?: () => number;
  serial?: SerialAccess;
  /** The retry, the watch while the box is away, the PING and the handshake's wait. */
  timers: Timers;
  clock?: SessionClock;
};

export type ButtonBoxDriver = {
  onPress(listener: (press: BoxPress) => void): () => void;
  /** Something on the status changed (connected, identity, malformed count, …). */
  onStatus(listener: () => void): () => void;
  /** Lights a button's LED; false when the box cannot (gone, or a legacy box). */
  light(button: number, ms: number): boolean;
  status(): ButtonBoxStatus;
  close(): Promise<void>;
};

export const DEFAULT_BAUD_RATE = 9600;

export function startButtonBox(options: ButtonBoxDriverOptions): ButtonBoxDriver {
  const { target, logger, timers } = options;
  const serial = options.serial ?? createSerialAccess();
  const baudRate = options.baudRate ?? (() => DEFAULT_BAUD_RATE);
  const pressListeners = new Set<(press: BoxPress) => void>();
  const statusListeners = new Set<() => void>();

  let closed = false;
  let connecting = false;
  let attempt = 0;
  let retryTimer: unknown = null;
  let stopWatch: (() => void) | null = null;
  let stopPresence: (() => void) | null = null;
  let connection: SerialConnection | null = null;
  let session: BoxSession | null = null;
  let port: string | null = target.kind === 'path' ? target.path : null;
  let problem: string | null = null;
  let boxError: string | null = null;
  let malformedBefore = 0;
  let lastPressAt: number | null = null;

  const changed = (): void => {
    for (const listener of statusListeners) {
      listener();
    }
  };

  const stopWatching = (): void => {
    if (retryTimer !== null) {
      timers.clearTimeout(retryTimer);
      retryTimer = null;
    }
    stopWatch?.();
    stopWatch = null;
  };

  /**
   * While the box is away: retry with backoff, and also look for its device coming back, so a
   * re-plugged box is open again within a poll rather than at the end of a 10 s backoff.
   */
  const scheduleRetry = (): void => {
    if (closed) {
      return;
    }
    const delay = reconnectDelay(attempt);
    attempt += 1;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    if (stopWatch) {
      return;
    }
    // What was there when the box was lost: only a change from it is news.
    let seen: string | null = null;
    const look = async (): Promise<void> => {
      // A path is looked at directly; with `auto`, the port list is only compared, never probed:
      // a new port appearing is the news, and connect() does the probing.
      const now =
        target.kind === 'path'
          ? String(await serial.present(target.path))
          : await serial.list().then(
              (ports) =>
                candidatePorts(ports)
                  .map((p) => p.path)
                  .join('\n'),
              () => '',
            );
      const appeared =
        target.kind === 'path' ? now === 'true' && seen !== 'true' : now !== seen && now !== '';
      const first = seen === null;
      seen = now;
      if (!first && appeared && !connecting && connection === null) {
        void connect();
      }
    };
    void look();
    stopWatch = repeat(
      timers,
      target.kind === 'path' ? PRESENCE_POLL_MS : LIST_POLL_MS,
      () => void look(),
    );
  };

  const findBoxPortQuietly = async (): Promise<string | null> => {
    try {
      return await findBoxPort(serial, baudRate(), timers);
    } catch {
      return null;
    }
  };

  const lose = (code: string): void => {
    stopPresence?.();
    stopPresence = null;
    if (!connection) {
      return;
    }
    const lost = connection;
    connection = null;
    if (session) {
      malformedBefore += session.malformed;
      session.stop();
      session = null;
    }
    problem = code;
    logger.warn('button_box_lost', { port, code });
    void lost.close();
    changed();
    scheduleRetry();
  };

  async function connect(): Promise<void> {
    if (closed || connecting || connection) {
      return;
    }
    connecting = true;
    if (retryTimer !== null) {
      timers.clearTimeout(retryTimer);
      retryTimer = null;
    }
    try {
      const path = target.kind === 'path' ? target.path : await findBoxPortQuietly();
      if (path === null) {
        fail('not_found');
        return;
      }
      port = path;
      let opened: SerialConnection;
      try {
        opened = await serial.open(path, baudRate());
      } catch (error) {
        fail(serialErrorCode(error));
        return;
      }
      if (closed) {
        await opened.close();
        return;
      }
      connection = opened;
      attempt = 0;
      problem = null;
      stopWatching();
      session = startBoxSession(
        {
          onPress(button, at) {
            lastPressAt = at;
            // No status event per press: the press itself is the news, and this is the hot path.
            for (const listener of pressListeners) {
              listener({ button, at });
            }
          },
          onChange: changed,
          onBoxError(text) {
            boxError = text;
            logger.warn('button_box_error', { port, text: text.slice(0, 64) });
            changed();
          },
          onDead: () => lose('not_answering'),
          write: (line) => opened.write(line),
        },
        timers,
        options.clock,
      );
      opened.onData((chunk) => session?.push(chunk));
      opened.onGone((code) => lose(code));
      // An unplug does not always reach serialport: with a read in flight it may never emit
      // 'close' (serialport/bindings-cpp#162) and only the next write fails. The device node
      // going away is the plainer sign, so it is watched while connected too.
      stopPresence = repeat(timers, PRESENCE_POLL_MS, () => {
        void serial.present(path).then((present) => {
          if (!present && connection === opened) {
            lose('unplugged');
          }
        });
      });
      logger.info('button_box_open', { port: path, baudRate: baudRate() });
      changed();
    } finally {
      connecting = false;
    }
  }

  function fail(code: string): void {
    if (code !== problem) {
      logger.warn('button_box_unavailable', { port, code });
      problem = code;
      changed();
    }
    scheduleRetry();
  }

  void connect();

  return {
    onPress(listener) {
      pressListeners.add(listener);
      return () => pressListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    light(button, ms) {
      return session?.light(button, ms) ?? false;
    },
    status() {
      const protocol = session?.protocol;
      return {
        connected: connection !== null,
        port,
        model: session?.identity?.model ?? null,
        firmware: session?.identity?.firmware ?? null,
        protocol: protocol === 'line' || protocol === 'char' ? protocol : null,
        malformedLines: malformedBefore + (session?.malformed ?? 0),
        lastPressAt,
        problem,
        boxError,
      };
    },
    async close() {
      closed = true;
      stopWatching();
      stopPresence?.();
      stopPresence = null;
      session?.stop();
      session = null;
      const open = connection;
      connection = null;
      await open?.close();
      pressListeners.clear();
      statusListeners.clear();
    },
  };
}
