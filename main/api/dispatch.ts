// One command through the boundary, whichever transport carried it: name check, payload schema,
// handler, and every thrown bug turned into an error value through shared/errors.ts `toAppError`
// (`internal` for bugs; Electron would forward only the message of a throw).
// Callers: the two transports, main/ipc/register-ipc.ts (Electron) and main/server/ws-api.ts (browser mode).
import { fail, isCommandName, parseParams, type CommandHandlers, type CommandName, type Result } from '../../shared/api/contract';
import { toAppError } from '../../shared/errors';
import { createLogger } from '../../shared/logger';

const log = createLogger('dispatch');

export async function dispatchCommand(handlers: CommandHandlers, name: unknown, raw: unknown): Promise<Result<unknown>> {
  // Why: only the contract's own method names; never `__proto__`, `constructor` or other keys of the map.
  if (!isCommandName(name)) return fail('unknown-command', `Unknown command: ${String(name).slice(0, 64)}`);
  const params = parseParams(name, raw);
  if (!params.ok) {
    log.warn(params.error.message);
    return params;
  }
  try {
    const handler = handlers[name] as (p: unknown) => Promise<Result<unknown>>;
    return await handler(params.value);
  } catch (err) {
    log.error(`${name as CommandName} failed`, err);
    const error = toAppError(err);
    // A bug's message names the command; an expected failure keeps its own code, message and hint.
    return { ok: false, error: error.code === 'internal' ? { ...error, message: `${name} failed: ${error.message}` } : error };
  }
}
