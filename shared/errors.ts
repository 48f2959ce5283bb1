// Expected failures, one type for all of them: `EngineError` (thrown) and `ErrorValue` (the same
// failure as a value), with a code the UI can act on, a message naming what is concerned and a hint.
// Thrown by shared/series, shared/model, shared/eval, and by main's sources, importer, recorder and
// CLI; a source's status carries the value. `toAppError` is the one conversion of anything thrown
// into the `{ code, message, hint? }` that crosses a boundary; its callers are the edges: the CLI
// (main/cli/engine-cli.ts, commands/*), main/api (dispatch.ts, app-services.ts), main/session,
// main/server/ws-api.ts, main/index.ts, the page (renderer/src/main.ts) and the forecasting worker.
// Neutral ground below every stage, so a pipeline stage never imports a later one for its errors.
import type { AppError } from './api/contract';

/** Every expected failure, by code: data preparation, training and bundles; then sources, files and the recorder. */
export type EngineErrorCode =
  | 'SERIES_TOO_SHORT'
  | 'CONSTANT_SERIES'
  | 'ALL_MISSING'
  | 'NOT_NUMERIC'
  | 'UNKNOWN_COLUMN'
  | 'BAD_HORIZON'
  | 'BAD_OPTION'
  | 'NAN_LOSS'
  | 'CANCELLED'
  | 'BAD_BUNDLE'
  | 'BAD_INPUT'
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
  | 'TOO_LARGE'
  | 'DISK_FULL'
  | 'RECORDING_FAILED'
  | 'SETTINGS_NOT_SAVED'
  | 'BROKER_UNREACHABLE'
  | 'BAD_CREDENTIALS'
  | 'NOT_AUTHORIZED'
  | 'BROKER_REFUSED'
  | 'TLS_FAILED'
  | 'UNREADABLE_PAYLOADS';

/** The default hint of a code, where one hint fits every failure with it (a caller may pass a more specific one). */
export const ERROR_HINTS: Partial<Record<EngineErrorCode, string>> = {
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
  TOO_LARGE: 'Import a time range or every k-th row, or fewer columns.',
  DISK_FULL: 'The disk is full: free some space, then start recording again. The live view goes on.',
  RECORDING_FAILED: 'Choose another folder for recordings. The live view goes on.',
  SETTINGS_NOT_SAVED: 'Check that the settings folder exists and is writable; the next change is saved again.',
  BROKER_UNREACHABLE: 'Check the broker URL (host and port, e.g. mqtt://192.168.1.10:1883) and that the broker runs; sensorcast reconnects when it comes back.',
  BAD_CREDENTIALS: 'The broker refused the user name or password: check them (mosquitto: the password_file).',
  NOT_AUTHORIZED: 'The broker refused this client or topic: it may need a user name and password, or its access list (mosquitto: acl_file) forbids the topic.',
  BROKER_REFUSED: 'The broker refused the connection: check its log for why.',
  TLS_FAILED: 'The TLS handshake failed: check the URL (mqtts:// on port 8883), the CA certificate, and the host name in the certificate.',
  UNREADABLE_PAYLOADS:
    'Messages must be a number, a JSON object of numbers (`{"temp":23.5}`) or a line such as `temp:23.5,hum:41` (see docs/formats.md).',
};

/** An expected failure as a value: what a source's status keeps, and what crosses a boundary. */
export interface ErrorValue {
  code: EngineErrorCode;
  /** What happened, naming the port, file, option or value concerned. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
}

/** An ErrorValue with the default hint of its code unless `hint` is given. */
export function errorValue(code: EngineErrorCode, message: string, hint: string | undefined = ERROR_HINTS[code]): ErrorValue {
  return hint === undefined ? { code, message } : { code, message, hint };
}

/** Every expected failure, thrown: the engine's, a source's, a file's, the recorder's, the CLI's. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** What the user can do about it, when there is something (default: the code's hint). */
  readonly hint?: string;

  constructor(code: EngineErrorCode, message: string, hint: string | undefined = ERROR_HINTS[code]) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  /** The failure `value` (e.g. a classified open error), to throw. */
  static from(value: ErrorValue): EngineError {
    return new EngineError(value.code, value.message, value.hint);
  }

  toValue(): ErrorValue {
    return this.hint === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * Options in expected-failure texts are written as `{horizon}`, `{period}`, `{window}`: shared/
 * does not speak any front end's language. Each front end words them with its own `name` (the CLI
 * as `--horizon`, the page as its control, e.g. "the Horizon field").
 */
export function wordOptions(text: string, name: (option: string) => string): string {
  return text.replace(/\{([a-z][a-z-]*)\}/g, (_, option: string) => name(option));
}

/** An AppError with its options worded for a front end (see wordOptions). */
export function wordError(error: AppError, name: (option: string) => string): AppError {
  const out: AppError = { ...error, message: wordOptions(error.message, name) };
  if (error.hint) out.hint = wordOptions(error.hint, name);
  return out;
}

/** True for an EngineError, also across realms (a worker's structured clone keeps `name` and `code`). */
export function isEngineError(err: unknown): err is EngineError {
  return err instanceof EngineError || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'EngineError');
}

/** The text of anything thrown: an Error's message, else the value as a string. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An expected failure (an EngineError) as a value; null for anything else (a bug). */
export function expectedError(err: unknown): AppError | null {
  if (!isEngineError(err)) return null;
  const { code, message, hint } = err as { code: string; message: string; hint?: string };
  return hint ? { code, message, hint } : { code, message };
}

/**
 * Anything thrown, as the value that crosses a boundary: an expected failure keeps its code,
 * message and hint; anything else gets `fallbackCode` (default `internal`) and its message.
 */
export function toAppError(err: unknown, fallbackCode = 'internal'): AppError {
  return expectedError(err) ?? { code: fallbackCode, message: errorMessage(err) };
}

/** Anything thrown, as a failed Result (see toAppError): for handlers that return `Result`s. */
export function toFailure(err: unknown, fallbackCode = 'internal'): { ok: false; error: AppError } {
  return { ok: false, error: toAppError(err, fallbackCode) };
}
