// Source status and typed data errors: the contract between the sources (main/sources), the
// file importer (main/files), the recorder (main/recorder), the CLI and the page.
// Pure data, so it crosses IPC unchanged.

/** Life cycle of a live source. `ended`: a finite source (replay without loop) ran out. The page adds `idle` (no source; shared/api/contract.ts). */
export const SOURCE_STATES = ['connecting', 'connected', 'stalled', 'disconnected', 'reconnecting', 'closed', 'ended'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export const SOURCE_KINDS = ['serial', 'replay', 'demo', 'mqtt'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Every expected failure of data in/out, by code. The UI can act on the code; the hint tells the user what to do. */
export type DataErrorCode =
  | 'PORT_BUSY'
  | 'PERMISSION_DENIED'
  | 'NO_SUCH_PORT'
  | 'OPEN_FAILED'
  | 'DISCONNECTED'
  | 'STALLED'
  | 'BAUD_MISMATCH'
  | 'UNREADABLE_LINES'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'BAD_FILE'
  | 'FILE_CHANGED'
  | 'CANCELLED'
  | 'TOO_LARGE'
  | 'BAD_OPTION'
  | 'DISK_FULL'
  | 'RECORDING_FAILED'
  | 'BROKER_UNREACHABLE'
  | 'BAD_CREDENTIALS'
  | 'NOT_AUTHORIZED'
  | 'BROKER_REFUSED'
  | 'TLS_FAILED'
  | 'UNREADABLE_PAYLOADS';

/** An expected failure as a value: `{ code, message, hint? }`. */
export interface DataError {
  code: DataErrorCode;
  /** What happened, naming the port/file/value concerned. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
}

/** The default hint for each code (a caller may pass a more specific one). */
export const DATA_ERROR_HINTS: Record<DataErrorCode, string | undefined> = {
  PORT_BUSY: 'Another program has the port open (Arduino IDE Serial Monitor/Plotter, screen, another sensorcast): close it and try again.',
  PERMISSION_DENIED:
    'On Linux, add yourself to the dialout group (sudo usermod -aG dialout $USER) and log in again; on macOS/Windows check that no other user holds the port.',
  NO_SUCH_PORT: 'Check the cable and the port name: run `sensorcast ports` to list the ports; USB adapters get a new name when replugged.',
  OPEN_FAILED: 'Check the port name and that the device is plugged in.',
  DISCONNECTED: 'The device was unplugged or reset; sensorcast reconnects when it comes back.',
  STALLED: 'The port is open but no data arrives: check that the sketch prints lines (Serial.println) and the baud rate.',
  BAUD_MISMATCH: 'The data looks like garbage: check the baud rate (it must match Serial.begin(...) in the sketch).',
  UNREADABLE_LINES:
    'The lines are text, not values: sensorcast reads lines such as `temp: 23.5, hum: 41` or `23.5,41` (see docs/formats.md). A sensor that fails to read often prints a message instead: check its wiring.',
  FILE_NOT_FOUND: 'Check the file path.',
  FILE_UNREADABLE: 'Check that you may read the file.',
  BAD_FILE: 'The file does not look like a CSV/TSV table with at least one numeric column.',
  FILE_CHANGED: 'The file changed while it was read: import it again once the writer is done.',
  CANCELLED: undefined,
  TOO_LARGE: 'Import a time range or every k-th row, or fewer columns.',
  BAD_OPTION: undefined,
  DISK_FULL: 'The disk is full: free some space, then start recording again. The live view goes on.',
  RECORDING_FAILED: 'Choose another folder for recordings. The live view goes on.',
  BROKER_UNREACHABLE: 'Check the broker URL (host and port, e.g. mqtt://192.168.1.10:1883) and that the broker runs; sensorcast reconnects when it comes back.',
  BAD_CREDENTIALS: 'The broker refused the user name or password: check them (mosquitto: the password_file).',
  NOT_AUTHORIZED: 'The broker refused this client or topic: it may need a user name and password, or its access list (mosquitto: acl_file) forbids the topic.',
  BROKER_REFUSED: 'The broker refused the connection: check its log for why.',
  TLS_FAILED: 'The TLS handshake failed: check the URL (mqtts:// on port 8883), the CA certificate, and the host name in the certificate.',
  UNREADABLE_PAYLOADS:
    'Messages must be a number, a JSON object of numbers (`{"temp":23.5}`) or a line such as `temp:23.5,hum:41` (see docs/formats.md).',
};

/** Builds a DataError value with the default hint for its code. */
export function dataError(code: DataErrorCode, message: string, hint: string | undefined = DATA_ERROR_HINTS[code]): DataError {
  return hint === undefined ? { code, message } : { code, message, hint };
}

/** A DataError thrown inside a service (main/), turned back into a value at the boundary. */
export class DataException extends Error {
  readonly code: DataErrorCode;
  readonly hint?: string;
  constructor(error: DataError) {
    super(error.message);
    this.name = 'DataException';
    this.code = error.code;
    if (error.hint !== undefined) this.hint = error.hint;
  }
  toValue(): DataError {
    return dataError(this.code, this.message, this.hint);
  }
}

/** Running totals of a source since it started. */
export interface SourceCounts {
  /** Samples decoded and delivered. */
  samples: number;
  /** Lines rejected by the decoder (garbage, too long, text that is not values). */
  rejected: number;
  /** Samples dropped because a consumer could not keep up. */
  dropped: number;
  /** Automatic reconnects after a disconnect or stall. */
  reconnects: number;
}

/** A snapshot of a source, sent on every state change. */
export interface SourceStatus {
  state: SourceState;
  kind: SourceKind;
  /** The port path, file path, broker URL and topics, or `demo`. */
  label: string;
  /** Channel names in the order of each sample's values. */
  channels: string[];
  /** Units by channel, where the device or file named one. */
  units: Record<string, string>;
  counts: SourceCounts;
  /** The latest error (cleared on the next successful connect). */
  lastError: DataError | null;
  /** Host time (ms) of the last state change. */
  since: number;
}

export function emptyCounts(): SourceCounts {
  return { samples: 0, rejected: 0, dropped: 0, reconnects: 0 };
}
