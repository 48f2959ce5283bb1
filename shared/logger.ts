// One small namespaced logger for every process (main, renderer, worker, CLI).
// Callers: any module that needs to report something outside its return value.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogSink = (level: LogLevel, namespace: string, message: string, detail?: unknown) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface ConsoleLike {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

const defaultSink: LogSink = (level, namespace, message, detail) => {
  // Reached through globalThis so shared/ compiles with neither DOM nor Node types.
  const out = (globalThis as unknown as { console: ConsoleLike }).console;
  const line = `[${namespace}] ${message}`;
  const args = detail === undefined ? [line] : [line, detail];
  if (level === 'error') out.error(...args);
  else if (level === 'warn') out.warn(...args);
  else out.log(...args);
};

let sink: LogSink = defaultSink;
let threshold: LogLevel = 'info';

/** Route every logger to another sink (tests, the CLI's progress bar). */
export function setLogSink(next: LogSink | null): void {
  sink = next ?? defaultSink;
}

/** Lowest level that is printed. Default: `info`. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(namespace: string): Logger {
  const emit = (level: LogLevel) => (message: string, detail?: unknown) => {
    if (ORDER[level] >= ORDER[threshold]) sink(level, namespace, message, detail);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
