import { SerialPort } from 'serialport';
import { createListeners } from './listeners';
import { waitUntil } from './wait-until';

// The kiosk end of a virtual box reduced to raw serialport calls, for the simulator's own
// tests and for benchmarks that time the wire without the kiosk's driver in the way.

export type StandInKiosk = {
  readonly port: SerialPort;
  /** Everything received, as text. */
  readonly text: string;
  /** The next complete line not yet taken (without `\n` or `\r`), in arrival order. */
  nextLine(timeoutMs?: number): Promise<string>;
  /** Waits until `text` holds at least `length` characters. */
  waitForText(length: number, timeoutMs?: number): Promise<string>;
  write(data: string): Promise<void>;
  /** Settles when the port closes; the value is the disconnect error, if any. */
  readonly closed: Promise<Error | null>;
  close(): Promise<void>;
};

export async function openStandInKiosk(path: string): Promise<StandInKiosk> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(error) : resolve()));
  });
  let text = '';
  let taken = 0;
  const arrived = createListeners<undefined>();
  port.setEncoding('latin1');
  port.on('data', (chunk: string) => {
    text += chunk;
    arrived.emit(undefined);
  });
  port.on('error', () => undefined);
  const closed = new Promise<Error | null>((resolve) => {
    port.once('close', (error?: Error | null) => resolve(error ?? null));
  });
  const pendingLines = () => text.slice(taken).split('\n').slice(0, -1);
  return {
    port,
    get text() {
      return text;
    },
    async nextLine(timeoutMs = 3000) {
      await waitUntil(
        (wake) => arrived.add(wake),
        () => pendingLines().length > 0,
        timeoutMs,
        () => `no line from the box within ${timeoutMs} ms (got ${JSON.stringify(text)})`,
      );
      const line = pendingLines()[0] ?? '';
      taken += line.length + 1;
      return line.replace(/\r$/, '');
    },
    async waitForText(length, timeoutMs = 3000) {
      await waitUntil(
        (wake) => arrived.add(wake),
        () => text.length >= length,
        timeoutMs,
        () => `expected ${length} characters within ${timeoutMs} ms, got ${JSON.stringify(text)}`,
      );
      return text;
    },
    async write(data) {
      // A closed SerialPort queues writes until it is opened again, calling back never.
      if (!port.isOpen) {
        throw new Error('the stand-in kiosk port is closed');
      }
      await new Promise<void>((resolve, reject) => {
        port.write(data, (error) => (error ? reject(error) : resolve()));
      });
      await new Promise<void>((resolve, reject) => {
        port.drain((error) => (error ? reject(error) : resolve()));
      });
    },
    closed,
    async close() {
      if (port.isOpen) {
        await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    },
  };
}
