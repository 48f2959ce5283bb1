// The app API's smallest schemas: a path from the page, a model's name, a column of nullable numbers.
// Callers: shared/api/schemas.ts, shared/api/source-schemas.ts, shared/api/commands.ts.
import { z } from 'zod';

/** A file-system path from the page: no NUL, no `..` segment, bounded length. */
export const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  // Why: a NUL truncates paths in native code; `..` walks out of any folder we allow.
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte')
  .refine((p) => !p.split(/[\\/]+/).includes('..'), 'path contains a ".." segment');

/** A model's name: also its folder name on disk, so no separators and no leading dot. */
export const modelNameSchema = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9 _.-]{0,63}$/, 'use letters, digits, space, _ . - (max 64)');

/** A value per row; null where missing (JSON has no NaN). */
export const nullableNumbers = (max: number) => z.array(z.number().nullable()).max(max);
