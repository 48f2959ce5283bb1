// Validation of inbound command payloads, shared by both transports (IPC and WebSocket).
// Callers: main/api/dispatch.ts.
import { type CommandName, commandSchemas } from './commands';
import { fail, ok, type Result } from './result';
import type { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Validation shared by both transports.

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True when any object in the payload has an own key that could pollute a prototype. */
export function hasForbiddenKey(value: unknown, depth = 0): boolean {
  if (depth > 64) return true; // Why: a payload nested this deep is an attack, not a request.
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    // Large numeric arrays cannot hide keys in their elements' primitives; only scan objects.
    for (const item of value) if (item !== null && typeof item === 'object' && hasForbiddenKey(item, depth + 1)) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return true;
    if (hasForbiddenKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Narrows a command's params; an invalid payload becomes an `invalid-payload` error value. */
export function parseParams<K extends CommandName>(name: K, raw: unknown): Result<z.output<(typeof commandSchemas)[K]['params']>> {
  if (hasForbiddenKey(raw)) return fail('invalid-payload', `${name}: payload has a forbidden key (__proto__, constructor or prototype)`);
  const parsed = commandSchemas[name].params.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return fail('invalid-payload', `${name}: ${issue?.message ?? 'invalid payload'}${where}`);
  }
  return ok(parsed.data as z.output<(typeof commandSchemas)[K]['params']>);
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commandSchemas, name);
}
