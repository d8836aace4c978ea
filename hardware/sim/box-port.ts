import { SerialPort } from 'serialport';

// The box's own end of the cable, opened like any serial device, with promise wrappers so the
// simulator can say "written and drained" rather than "handed to a stream".

export async function openBoxPort(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(error) : resolve()));
  });
  return port;
}

/** Resolves once `data` has left the box's side of the pty (tcdrain). */
export async function writeAndDrain(port: SerialPort, data: string | Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    port.write(data, (error) => (error ? reject(error) : resolve()));
  });
  await new Promise<void>((resolve, reject) => {
    port.drain((error) => (error ? reject(error) : resolve()));
  });
}

export async function closeBoxPort(port: SerialPort): Promise<void> {
  if (!port.isOpen) {
    return;
  }
  // A close that fails leaves nothing to undo: socat is killed next either way.
  await new Promise<void>((resolve) => {
    port.close(() => resolve());
  });
}
