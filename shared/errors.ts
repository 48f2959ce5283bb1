// Expected failures: the engine's error type (thrown by shared/series, shared/model and
// shared/eval), and `toAppError`, the one conversion of anything thrown into the `{ code,
// message, hint? }` value that crosses a boundary. Neutral ground below every stage, so a
// pipeline stage never imports a later one for its errors. Callers of `toAppError`: the CLI
// (main/cli/engine-cli.ts, commands/record.ts), main/api/dispatch.ts and the forecasting worker.
import type { AppError } from './api/contract';
import { DataException } from './source-status';

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
  | 'BAD_INPUT';

/** Every expected failure of data preparation, training and bundle loading. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** What the user can do about it, when there is something. */
  readonly hint?: string;

  constructor(code: EngineErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
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

/** True for a DataException (main's sources, importer, recorder), also across realms. */
function isDataException(err: unknown): err is DataException {
  return err instanceof DataException || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'DataException');
}

/** The text of anything thrown: an Error's message, else the value as a string. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An expected failure (EngineError or DataException) as a value; null for anything else (a bug). */
export function expectedError(err: unknown): AppError | null {
  if (!isEngineError(err) && !isDataException(err)) return null;
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
