import { access } from 'node:fs/promises';
import { autoDetect } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import type { PortInfo } from './known-boxes';

/**
 * The serial port as the driver needs it, over serialport's stream and a binding: the system's
 * (bindings-cpp) in the product, `@serialport/binding-mock` in unit tests. Hot-plug is tested on
 * real pseudo-terminals instead, because the mock cannot unplug.
 */

export type SerialConnection = {
  write(line: string): void;
  close(): Promise<void>;
  onData(listener: (chunk: Buffer) => void): void;
  /** The port failed or closed under us (unplugged, read error); called at most once. */
  onGone(listener: (code: string) => void): void;
};

export type SerialAccess = {
  open(path: string, baudRate: number): Promise<SerialConnection>;
  list(): Promise<PortInfo[]>;
  /** Whether the device node is there now (a re-plugged box brings it back). */
  present(path: string): Promise<boolean>;
};

type Binding = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

/** A stable code for an open or read failure: these reach logs and the technician's status. */
export function serialErrorCode(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'ENOENT' || /no such file|ENOENT|File not found|does not exist/i.test(text)) {
    return 'not_found';
  }
  if (code === 'EACCES' || /permission denied|EACCES|Access denied/i.test(text)) {
    return 'permission_denied';
  }
  if (/cannot lock port|EBUSY|resource busy|temporarily unavailable/i.test(text)) {
    return 'busy';
  }
  if (/disconnected|EIO|input\/output|bad file descriptor/i.test(text)) {
    return 'disconnected';
  }
  return 'io_error';
}

export function createSerialAccess(binding: Binding = autoDetect()): SerialAccess {
  return {
    async open(path, baudRate) {
      const port = new SerialPortStream({
        binding,
        path,
        baudRate,
        dataBits: 8,
        parity: 'none',
        stopBits: 1,
        autoOpen: false,
      });
      await new Promise<void>((resolve, reject) => {
        port.open((error) => (error ? reject(error) : resolve()));
      });

      let goneListener: ((code: string) => void) | null = null;
      let gone = false;
      let closing = false;
      const markGone = (error: unknown): void => {
        if (gone || closing) {
          return;
        }
        gone = true;
        goneListener?.(error === undefined || error === null ? 'closed' : serialErrorCode(error));
      };
      port.on('error', markGone);
      port.on('close', (error: unknown) => markGone(error));

      return {
        write(line) {
          if (port.isOpen) {
            port.write(line, (error) => {
              if (error) {
                markGone(error);
              }
            });
          }
        },
        close() {
          closing = true;
          return new Promise<void>((resolve) => {
            if (!port.isOpen) {
              resolve();
              return;
            }
            // A port whose device has vanished may fail to close; it is gone either way.
            port.close(() => resolve());
          });
        },
        onData(listener) {
          port.on('data', (chunk: Buffer) => listener(chunk));
        },
        onGone(listener) {
          goneListener = listener;
        },
      };
    },
    async list() {
      const ports = await binding.list();
      return ports.map((port) => ({
        path: port.path,
        vendorId: port.vendorId,
        productId: port.productId,
        pnpId: port.pnpId,
        manufacturer: port.manufacturer,
      }));
    },
    async present(path) {
      try {
        await access(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}
