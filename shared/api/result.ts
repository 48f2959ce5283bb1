// Results and errors as they cross the app API: expected failures travel as values, only bugs throw.
// Callers: every command handler in main/, the page's API client, shared/errors.ts (toAppError).
import { z } from 'zod';

/** A code the UI can act on (`invalid-payload`, `PORT_BUSY`): short. Source and engine codes pass through unchanged. */
export const errorCodeSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);

export const appErrorSchema = z.strictObject({
  code: errorCodeSchema,
  message: z.string().max(2000),
  hint: z.string().max(2000).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Expected failures cross the boundary as values; only bugs throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: string, message: string, hint?: string): Result<never> {
  return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
}
