// The app API: the one contract between the page and the main-process services, re-exported from
// its parts. Electron's preload implements `AppApi` over IPC; browser mode implements it over a
// WebSocket. Main narrows every inbound payload with these schemas before it touches a file or a port.
// The parts: limits.ts (channels, sizes), primitives.ts (paths, names), result.ts (Result, AppError), schemas.ts (files, models,
// settings), source-schemas.ts (sources, samples, history), monitor-schemas.ts (the serial monitor), commands.ts (commands, events, AppApi), dialect.ts (CSV dialects),
// validate.ts (parseParams).
// Callers: main/ipc, main/server, main/api, main/preload (types only), renderer/src/api, and more.
export * from './limits';
export * from './primitives';
export * from './result';
export * from './schemas';
export * from './source-schemas';
export * from './monitor-schemas';
export * from './commands';
export * from './dialect';
export * from './validate';
