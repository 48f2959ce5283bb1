// The serial source's options and their defaults. Read by serial-source.ts; passed by
// create-source.ts (the app, `record`, `watch`) and the tests.
import type { PortInfo } from '../../shared/api/contract';

export interface SerialSourceOptions {
  /** How often the device path, the watchdog and the counts are checked, in ms. Default `250`. */
  watchIntervalMs?: number;
  /**
   * No data for this long while connected: state `stalled`. Default `5000`; grows to 3x the longest
   * pause seen between lines, so a sensor that reports once a minute is not called stalled.
   */
  stallMs?: number;
  /**
   * Still no data this long after data had flowed: close and reopen the port. Default `15000`;
   * grows to 6x the longest pause seen. Never before the first data of a connection (a reopen
   * resets an Uno, which would then never get to send).
   */
  stallReopenMs?: number;
  /** First reconnect delay, doubled after each failed try. Default `250`. */
  backoffMs?: number;
  /** Longest reconnect delay. Default `4000`. */
  maxBackoffMs?: number;
  /** Longest line, in characters; longer text is rejected. Default `1024`. */
  maxLineLength?: number;
  /** Lists ports (to find a replugged device at a new path, and to accept a listed path). Default `SerialPort.list`. */
  listPorts?: () => Promise<PortInfo[]>;
  /** Accept a pseudo-terminal (`/dev/pts/N`, socat's) as the port; only tests and `--allow-pty` do. Default `false`. */
  allowPty?: boolean;
}

export type ResolvedSerialOptions = Required<Omit<SerialSourceOptions, 'listPorts'>> & Pick<SerialSourceOptions, 'listPorts'>;

export function serialOptions(options: SerialSourceOptions = {}): ResolvedSerialOptions {
  return {
    watchIntervalMs: options.watchIntervalMs ?? 250,
    stallMs: options.stallMs ?? 5000,
    stallReopenMs: options.stallReopenMs ?? 15_000,
    backoffMs: options.backoffMs ?? 250,
    maxBackoffMs: options.maxBackoffMs ?? 4000,
    maxLineLength: options.maxLineLength ?? 1024,
    listPorts: options.listPorts,
    allowPty: options.allowPty ?? false,
  };
}
