// Opening, writing to and closing one serialport 13 port, with the DTR rule an Arduino needs.
// Called by serial-source.ts (the app, `record`, `watch`) and the CLI's `sensorcast monitor`.
import { SerialPort } from 'serialport';

import { createLogger } from '../../shared/logger';

const log = createLogger('serial');

export interface OpenPortOptions {
  baudRate: number;
  /** Assert DTR on open (an Uno/Nano resets). `false` also keeps DTR from dropping on close. Default `true`. */
  dtr?: boolean;
}

/** Opens `path`; rejects with serialport's error (classify it with serial-errors.ts). */
export async function openSerialPort(path: string, options: OpenPortOptions): Promise<SerialPort> {
  const dtr = options.dtr !== false;
  // hupcl: false keeps DTR from dropping on close (an Uno resets on each toggle).
  const port = new SerialPort({ path, baudRate: options.baudRate, autoOpen: false, hupcl: dtr });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  if (!dtr) {
    await new Promise<void>((resolve) =>
      port.set({ dtr: false }, (err) => {
        if (err) log.debug(`${path}: cannot clear DTR (${err.message})`);
        resolve();
      }),
    );
  }
  return port;
}

/** Writes `text` as UTF-8 and waits until the OS has taken it; rejects with serialport's error. */
export function writeSerialPort(port: SerialPort, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    port.write(text, (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
  });
}

/** Closes the port if it is open; errors after this point are ignored (the device may be gone). */
export async function closeSerialPort(port: SerialPort): Promise<void> {
  port.on('error', () => undefined);
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
