import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SerialPort } from 'serialport';
import { closeBoxPort, openBoxPort, writeAndDrain } from './box-port';
import { onProcessExit } from './exit-cleanup';
import { answerLine, createLineSplitter, helloLine } from './line-firmware';
import { createListeners } from './listeners';
import { startSocatPair, type SocatPair } from './socat-pair';
import type { Ack, VirtualBox, VirtualBoxOptions } from './virtual-box-types';
import { withDefaults } from './virtual-box-options';
import { waitUntil } from './wait-until';

// A button box that exists only as software, on a real pseudo-terminal, so the kiosk's own
// serial driver is exercised end to end: framing, hot-plug, and the ack-after-commit promise.
// It shares no code with hardware/*.ts on purpose: it is the other side of the contract.

export type { Ack, BoxProtocol, VirtualBox, VirtualBoxOptions } from './virtual-box-types';

type Cable = {
  pair: SocatPair | undefined;
  port: SerialPort | undefined;
  kioskOpen: boolean;
  everOpened: boolean;
  ended: boolean;
  timers: Set<NodeJS.Timeout>;
};

export async function startVirtualBox(options: VirtualBoxOptions): Promise<VirtualBox> {
  const { identity, protocol, releaseMs, bootMs, kioskWaitMs } = withDefaults(options);
  const dir = await mkdtemp(join(tmpdir(), 'hymy-box-'));
  const forgetDir = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  const boxSide = join(dir, 'box');
  const kioskSide = resolve(options.linkPath ?? join(dir, 'tty'));

  let answerPings = options.answerPings ?? true;
  let cable: Cable | undefined;
  let closing: Promise<void> | undefined;
  let bytesReceived = 0;
  const acks: Ack[] = [];
  const received: string[] = [];
  const ackListeners = createListeners<Ack>();
  const lineListeners = createListeners<string>();
  const kioskListeners = createListeners<undefined>();
  const kioskCloseListeners = createListeners<undefined>();
  const disconnectListeners = createListeners<string>();

  // Plugging and unplugging never overlap: each waits for the one before.
  let queue: Promise<void> = Promise.resolve();
  function serially(step: () => Promise<void>): Promise<void> {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  }

  function later(c: Cable, ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      c.timers.delete(timer);
      if (!c.ended) {
        action();
      }
    }, ms);
    c.timers.add(timer);
  }

  // A reply lost to a pulled cable is what a real box would lose too.
  function send(c: Cable, data: string): void {
    if (c.port !== undefined && !c.ended) {
      writeAndDrain(c.port, data).catch(() => undefined);
    }
  }

  // Like an Arduino that resets when the port opens, the box says HELLO once the kiosk is
  // listening; written earlier it would fall to the flush serialport does on open.
  function bootWhenBothReady(c: Cable): void {
    if (c.port === undefined || !c.kioskOpen || protocol !== 'line') {
      return;
    }
    later(c, bootMs, () => send(c, `${helloLine(identity)}\n`));
  }

  function kioskOpened(c: Cable): void {
    if (!c.kioskOpen && !c.ended) {
      c.kioskOpen = true;
      c.everOpened = true;
      kioskListeners.emit(undefined);
    }
  }

  function onData(c: Cable, chunk: Buffer, splitter: ReturnType<typeof createLineSplitter>): void {
    bytesReceived += chunk.length;
    // socat reports a reopened kiosk port only through the bytes it then sends.
    kioskOpened(c);
    for (const line of splitter.push(chunk.toString('latin1'))) {
      if (line === null) {
        if (protocol === 'line') {
          send(c, 'ERR line too long\n');
        }
        continue;
      }
      received.push(line);
      lineListeners.emit(line);
      if (protocol !== 'line') {
        continue;
      }
      const answer = answerLine(line, identity, answerPings);
      if (answer.kind === 'reply') {
        send(c, `${answer.line}\n`);
      } else if (answer.kind === 'light') {
        const ack = { button: answer.button, ms: answer.ms, at: performance.now() };
        acks.push(ack);
        ackListeners.emit(ack);
      }
    }
  }

  async function endCable(c: Cable): Promise<void> {
    c.ended = true;
    for (const timer of c.timers) {
      clearTimeout(timer);
    }
    c.timers.clear();
    if (cable === c) {
      cable = undefined;
    }
    // Our port first, while its read is parked in poll: closed after socat's death it could
    // be caught mid-read and spin on zero-byte reads (serialport/bindings-cpp#162).
    if (c.port !== undefined) {
      await closeBoxPort(c.port);
    }
    await c.pair?.stop();
  }

  // socat's exit and the box port's close both report one lost cable: act on the first.
  function lost(c: Cable, reason: string): void {
    if (c.ended) {
      return;
    }
    c.ended = true;
    void serially(() => endCable(c)).then(() => disconnectListeners.emit(reason));
  }

  async function plugIn(): Promise<void> {
    if (closing !== undefined) {
      throw new Error('the virtual box is closed');
    }
    if (cable !== undefined) {
      return;
    }
    const c: Cable = {
      pair: undefined,
      port: undefined,
      kioskOpen: false,
      everOpened: false,
      ended: false,
      timers: new Set(),
    };
    c.pair = await startSocatPair({
      boxSide,
      kioskSide,
      readyTimeoutMs: options.readyTimeoutMs,
      onKioskOpen: () => {
        kioskOpened(c);
        bootWhenBothReady(c);
      },
      onKioskHangUp: () => {
        if (c.kioskOpen && !c.ended) {
          c.kioskOpen = false;
          kioskCloseListeners.emit(undefined);
        }
      },
      onUnexpectedExit: (reason) => lost(c, reason),
    });
    try {
      c.port = await openBoxPort(boxSide);
    } catch (error) {
      await endCable(c);
      throw new Error(`could not open the box side ${boxSide}: ${String(error)}`, {
        cause: error,
      });
    }
    const splitter = createLineSplitter();
    c.port.on('data', (chunk: Buffer) => onData(c, chunk, splitter));
    // Errors also arrive as 'close' (disconnect) or as a failed write, handled there.
    c.port.on('error', () => undefined);
    c.port.on('close', () => lost(c, 'the box side of the pseudo-terminal closed'));
    cable = c;
    bootWhenBothReady(c);
  }

  function waitForKiosk(timeoutMs: number): Promise<void> {
    return waitUntil(
      (wake) => kioskListeners.add(wake),
      () => cable?.kioskOpen === true,
      timeoutMs,
      () =>
        cable === undefined
          ? 'the virtual box is unplugged; plug() it first'
          : `no kiosk opened ${kioskSide} within ${timeoutMs} ms`,
    );
  }

  /**
   * The box-side port for press() and sendRaw(), once a kiosk has opened the port since the
   * plug-in: waiting covers a test that presses just as its kiosk starts. A kiosk that has
   * since closed the port is not waited for: like a real box, the press is sent and lost.
   */
  async function kioskFacingPort(): Promise<{ c: Cable; port: SerialPort }> {
    const plugged = cable;
    if (plugged === undefined) {
      throw new Error('the virtual box is unplugged; plug() it first');
    }
    await waitUntil(
      (wake) => kioskListeners.add(wake),
      () => plugged.everOpened || plugged.ended,
      kioskWaitMs,
      () => `no kiosk opened ${kioskSide} within ${kioskWaitMs} ms`,
    );
    const c = cable;
    if (c?.port === undefined) {
      throw new Error('the virtual box was unplugged');
    }
    return { c, port: c.port };
  }

  const box: VirtualBox = {
    path: kioskSide,
    protocol,
    buttons: identity.buttons,
    get plugged() {
      return cable !== undefined;
    },
    get kioskConnected() {
      return cable?.kioskOpen ?? false;
    },
    acks,
    received,
    get bytesReceived() {
      return bytesReceived;
    },
    async press(button) {
      if (!Number.isInteger(button) || button < 1 || button > identity.buttons) {
        throw new RangeError(`this box has buttons 1–${identity.buttons}, not ${button}`);
      }
      const { c, port } = await kioskFacingPort();
      if (protocol === 'char') {
        await writeAndDrain(port, String(button));
        return;
      }
      await writeAndDrain(port, `P ${button}\n`);
      if (releaseMs !== false) {
        later(c, releaseMs, () => send(c, `R ${button}\n`));
      }
    },
    async sendRaw(data) {
      const { port } = await kioskFacingPort();
      await writeAndDrain(port, data);
    },
    unplug: () => serially(async () => (cable === undefined ? undefined : endCable(cable))),
    plug: () => serially(plugIn),
    setAnswerPings(on) {
      answerPings = on;
    },
    onAck: (listener) => ackListeners.add(listener),
    onLine: (listener) => lineListeners.add(listener),
    onKioskOpen: (listener) => kioskListeners.add(() => listener()),
    onKioskClose: (listener) => kioskCloseListeners.add(() => listener()),
    onDisconnect: (listener) => disconnectListeners.add(listener),
    waitForAcks(count, timeoutMs) {
      return waitUntil(
        (wake) => ackListeners.add(wake),
        () => acks.length >= count,
        timeoutMs,
        () => {
          const last = received.slice(-5).join(' | ');
          return (
            `expected ${count} acks (L lines) within ${timeoutMs} ms, ${acks.length} arrived` +
            ` (last lines from the kiosk: ${last === '' ? 'none' : last})`
          );
        },
      );
    },
    waitForKiosk,
    close() {
      closing ??= serially(async () => {
        if (cable !== undefined) {
          await endCable(cable);
        }
        await rm(dir, { recursive: true, force: true });
        forgetDir();
      });
      return closing;
    },
  };

  try {
    await box.plug();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    forgetDir();
    throw error;
  }
  return box;
}
