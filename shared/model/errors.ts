// Engine errors: every expected failure of data preparation, training and bundle loading.
// Thrown by shared/series, shared/model and shared/eval; the CLI and the worker turn them into
// a one-line message (code + text + hint), never a stack trace.

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

/** True for an EngineError, also across realms (a worker's structured clone keeps `name` and `code`). */
export function isEngineError(err: unknown): err is EngineError {
  return err instanceof EngineError || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'EngineError');
}
