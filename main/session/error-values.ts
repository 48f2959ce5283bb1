// Source and recorder failures as the app's error values: a DataError (or anything thrown with a
// string `code`) keeps its code, message and hint, and nothing else. Callers: session-hub.ts,
// recording-control.ts.
import type { AppError } from '../../shared/api/contract';
import type { DataError } from '../../shared/source-status';

/** A DataError value as an AppError (only code, message, hint). */
export function errorValue(error: { code: string; message: string; hint?: string }): AppError {
  return error.hint === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, hint: error.hint };
}

/** Anything a source's start or a recorder's start threw, with `fallbackCode` when it has no code. */
export function thrownValue(err: unknown, fallbackCode: string): AppError {
  const e = err as Partial<DataError> & Error;
  return errorValue({ code: typeof e.code === 'string' ? e.code : fallbackCode, message: e.message ?? String(err), hint: e.hint });
}
