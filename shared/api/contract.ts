// The app API: the one contract between the page and the main-process services.
// Electron's preload implements `AppApi` over IPC; browser mode implements it over a WebSocket.
// Main narrows every inbound payload with the schemas below before it touches a file or a port.
// Callers: main/ipc, main/server, main/preload (types only), renderer/src/api.
import { z } from 'zod';

import { SOURCE_KINDS, SOURCE_STATES } from '../source-status';

/** IPC channel prefix: command `listPorts` travels on `sensorcast:listPorts`. */
export const CHANNEL_PREFIX = 'sensorcast:';
/** The one IPC channel for events from main to the page. */
export const EVENT_CHANNEL = 'sensorcast:event';

/** Largest file a page may upload (a dropped CSV), bytes; it travels in chunks (uploadStart/Chunk/Finish). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Bytes of file per uploadChunk: main holds at most one chunk per upload, the rest is on disk. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Largest model weights blob, base64 characters (about 24 MB of float32 weights). */
export const MAX_WEIGHTS_CHARS = 32 * 1024 * 1024;
/** Largest single message over the WebSocket, bytes (a forecast export's rows or model weights, plus JSON overhead). */
export const MAX_MESSAGE_BYTES = 65 * 1024 * 1024;
/** Most rows a forecast export may carry. */
export const MAX_EXPORT_ROWS = 2_000_000;

// ---------------------------------------------------------------------------------------------
// Building blocks

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

// ---------------------------------------------------------------------------------------------
// Payloads

/** An MQTT broker URL. Why no `user:password@`: the password has its own field, which is never logged or shown. */
export const brokerUrlSchema = z
  .string()
  .max(2048)
  .regex(/^(mqtts?|wss?):\/\/[^\s/?#@]+(\/[^\s@]*)?$/, 'use mqtt://, mqtts://, ws:// or wss:// and a host, with no user name or password in it');

/** An MQTT topic filter: `+` a whole level, `#` only as the last level (MQTT 3.1.1, 4.7.1). */
export const topicFilterSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((t) => !t.includes('\0'), 'topic contains a NUL byte')
  .refine((t) => t.split('/').every((level, i, all) => (!level.includes('+') || level === '+') && (!level.includes('#') || (level === '#' && i === all.length - 1))), 'use + for a whole level and # only as the last level');

/** How a line ends on the wire. `auto` (default) accepts LF, CRLF and a lone CR. */
export const lineEndingSchema = z.enum(['auto', 'lf', 'crlf', 'cr']);
export type LineEnding = z.infer<typeof lineEndingSchema>;

/**
 * Plain-data description of a source: what the page sends, the CLI builds from its flags and the
 * session hub opens (main/sources/create-source.ts). The one source spec: its type is this schema's.
 */
export const sourceSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('serial'),
    /** Device path, e.g. `/dev/ttyACM0`, `/dev/serial/by-id/...`, `COM3`. */
    path: pathSchema,
    /** Must match `Serial.begin(...)` in the sketch. */
    baudRate: z.number().int().min(50).max(4_000_000),
    /** Default `auto`. */
    lineEnding: lineEndingSchema.optional(),
    /** Assert DTR on open. Default `true` (an Arduino Uno/Nano resets when DTR toggles; set false to avoid the reset). */
    dtr: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('replay'),
    /** A CSV/TSV file, read with importCsv. */
    path: pathSchema,
    /** Playback speed: 1 = real time (by the file's time column or interval), 10 = ten times faster. */
    speed: z.number().min(0.01).max(10_000),
    /** Start again at the end. Default `false` (the source ends with state `ended`). */
    loop: z.boolean().optional(),
    /** Rows per second, overriding `speed`. Default: none. */
    rowsPerSecond: z.number().positive().max(1_000_000).optional(),
  }),
  z.strictObject({ kind: z.literal('demo') }),
  z.strictObject({
    kind: z.literal('mqtt'),
    /** Broker URL: `mqtt://host:1883`, `mqtts://host:8883`, `ws://host:9001/mqtt` or `wss://`. No user or password in it. */
    url: brokerUrlSchema,
    /** Topic filters; `+` matches one level, `#` the rest (`home/+/temp`, `sensors/#`). */
    topics: z.array(topicFilterSchema).min(1).max(32),
    /** Default: none (anonymous). */
    username: z.string().max(256).optional(),
    /** Never logged, shown or recorded. Default: none. */
    password: z.string().max(1024).optional(),
    /** Subscription QoS: 0 (at most once), 1 (at least once, default) or 2. */
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    /** For `mqtts://` and `wss://`. */
    tls: z
      .strictObject({
        /** A PEM file with the CA that signed the broker's certificate. Default: the system's CAs. */
        caPath: pathSchema.optional(),
        /** Check the broker's certificate. Default `true`; false accepts any (a self-signed test broker). */
        rejectUnauthorized: z.boolean().optional(),
      })
      .optional(),
  }),
]);
export type SourceSpec = z.infer<typeof sourceSpecSchema>;
/** The page's name for SourceSpec (renderer/src/ui); the same type. */
export type SourceSpecInput = SourceSpec;
export type SerialSpec = Extract<SourceSpec, { kind: 'serial' }>;
export type ReplaySpec = Extract<SourceSpec, { kind: 'replay' }>;
/** An MQTT broker and the topics to read (main/sources/mqtt-source.ts). */
export type MqttSpec = Extract<SourceSpec, { kind: 'mqtt' }>;

/** A serial port as main/sources/ports.ts lists it, for the app's port picker and `sensorcast ports`. */
export const portInfoSchema = z.strictObject({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  /** Stable alias from /dev/serial/by-id (Linux), when there is one. */
  byId: z.string().optional(),
});
export type PortInfo = z.infer<typeof portInfoSchema>;

/** `idle`: no source open. The rest are the sources' own states (shared/source-status.ts). */
export const sourceStateSchema = z.enum(['idle', ...SOURCE_STATES]);

export const statusSchema = z.strictObject({
  sourceId: z.string().nullable(),
  /** Human label of the source, e.g. `/dev/ttyACM0 @ 115200` or `Demo: nottem`. */
  label: z.string(),
  kind: z.enum(SOURCE_KINDS).nullable(),
  state: sourceStateSchema,
  channels: z.array(z.string()),
  units: z.record(z.string(), z.string()),
  samplesPerSecond: z.number(),
  received: z.number().int(),
  rejected: z.number().int(),
  dropped: z.number().int(),
  reconnects: z.number().int(),
  recording: z.strictObject({ on: z.boolean(), path: z.string().nullable(), bytes: z.number(), error: appErrorSchema.nullable() }),
  error: appErrorSchema.nullable(),
});
export type AppStatus = z.infer<typeof statusSchema>;

export const sampleBatchSchema = z.strictObject({
  sourceId: z.string(),
  channels: z.array(z.string()).max(256),
  t: z.array(z.number()).max(200_000),
  values: z.array(nullableNumbers(256)).max(200_000),
  /**
   * Row indices into `t` of the rows that follow a gap (an unplug, a stall, a restart, samples
   * dropped on the way): the page breaks its line there and the forecast restarts.
   */
  gaps: z.array(z.number().int().min(0)).max(10_000),
  rejected: z.number().int(),
  dropped: z.number().int(),
});
export type SampleBatchWire = z.infer<typeof sampleBatchSchema>;

export const tableWireSchema = z.strictObject({
  time: z.array(z.number()).nullable(),
  channels: z.array(z.strictObject({ name: z.string(), unit: z.string().optional(), values: nullableNumbers(20_000_000) })).max(256),
  intervalMs: z.number().nullable(),
});
export type TableWire = z.infer<typeof tableWireSchema>;

export const importResultSchema = z.strictObject({
  name: z.string(),
  table: tableWireSchema,
  /** Lines of the import report worth showing (warnings, ragged rows, detected interval). */
  notes: z.array(z.string()).max(200),
  rows: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const historySchema = z.strictObject({
  channels: z.array(z.string()),
  t: z.array(z.number()),
  values: z.array(nullableNumbers(256)),
  /** Row indices into `t` of the rows that follow a gap, as in a sample batch. */
  gaps: z.array(z.number().int().min(0)),
});
export type HistoryWire = z.infer<typeof historySchema>;

/**
 * Browser mode: live samples this page did not receive because it read too slowly (the server
 * skips sample batches for a client whose send queue is full). The page shows the count until the
 * user acknowledges it and reloads its history with getHistory, so the chart has no silent hole.
 */
export const samplesMissedSchema = z.strictObject({
  sourceId: z.string().nullable(),
  /** Samples skipped since the previous notice. */
  samples: z.number().int().min(0),
  /** Samples skipped since this page connected. */
  total: z.number().int().min(0),
});
export type SamplesMissed = z.infer<typeof samplesMissedSchema>;

/** An upload in progress (server-made, opaque to the page). */
export const uploadIdSchema = z.string().regex(/^up-[a-z0-9-]{1,64}$/);

export const backendChoiceSchema = z.enum(['auto', 'webgl', 'wasm', 'cpu']);
export type BackendChoice = z.infer<typeof backendChoiceSchema>;

export const settingsSchema = z.strictObject({
  source: sourceSpecSchema,
  target: z.string().max(200).nullable(),
  covariates: z.array(z.string().max(200)).max(64),
  horizon: z.number().int().min(1).max(5000),
  windowPoints: z.number().int().min(100).max(1_000_000),
  backend: backendChoiceSchema,
  epochs: z.number().int().min(1).max(1000),
  autoTrain: z.boolean(),
  /** The model last trained or loaded with each live source (key: its kind and label), brought back when that source is on again. */
  lastModels: z.record(z.string().max(300), modelNameSchema).refine((m) => Object.keys(m).length <= 100, 'at most 100 sources'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  source: { kind: 'demo' },
  target: null,
  covariates: [],
  horizon: 12,
  windowPoints: 300,
  backend: 'auto',
  epochs: 30,
  autoTrain: true,
  lastModels: {},
};

export const modelBundleSchema = z.strictObject({
  name: modelNameSchema,
  /** The engine's manifest (JSON); main stores it as-is, the engine validates it on load. */
  manifest: z.record(z.string(), z.unknown()),
  /** Weights, base64. */
  weights: z.string().max(MAX_WEIGHTS_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'weights must be base64'),
});
export type ModelBundleWire = z.infer<typeof modelBundleSchema>;

export const modelEntrySchema = z.strictObject({ name: z.string(), savedAt: z.number(), bytes: z.number() });
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const exportRowSchema = z.tuple([
  z.number(), // t (ms)
  z.number().nullable(), // actual
  z.number().nullable(), // forecast
  z.number().nullable(), // lower
  z.number().nullable(), // upper
  z.number().nullable(), // baseline
  z.number().nullable(), // residual
]);

export const menuActionSchema = z.enum([
  'open-file', 'demo', 'train', 'cancel-training', 'toggle-recording', 'export-csv', 'export-png', 'save-model', 'load-model', 'reset-zoom',
]);
export type MenuAction = z.infer<typeof menuActionSchema>;

// ---------------------------------------------------------------------------------------------
// Commands: one method per message. `params` is what the page sends; `result` what comes back.

const none = z.undefined();

export const commandSchemas = {
  getState: {
    params: none,
    result: z.strictObject({
      status: statusSchema,
      history: historySchema,
      settings: settingsSchema,
      mode: z.enum(['electron', 'browser']),
      /** Test builds only (`serve --software-webgl`): let tfjs use WebGL on a software rasterizer. */
      softwareWebgl: z.boolean(),
    }),
  },
  /** The whole live history main holds (up to 200,000 samples): a page that missed samples reloads it. */
  getHistory: { params: none, result: historySchema },
  listPorts: { params: none, result: z.array(portInfoSchema) },
  openSource: { params: sourceSpecSchema, result: statusSchema },
  closeSource: { params: none, result: statusSchema },
  /** Electron: a native open dialog; browser mode answers `unsupported` (use importUpload). */
  chooseFile: { params: none, result: z.strictObject({ path: z.string().nullable() }) },
  /** Import a CSV/TSV log by path (Electron: any path the user picked; browser mode: inside the data folder). */
  importFile: { params: z.strictObject({ path: pathSchema }), result: importResultSchema },
  /** Starts the upload of a dropped file (its bytes follow in uploadChunk, in order). */
  uploadStart: { params: z.strictObject({ name: z.string().min(1).max(255), bytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES) }), result: z.strictObject({ uploadId: uploadIdSchema, chunkBytes: z.number().int() }) },
  /** Appends the next chunk (base64, at most UPLOAD_CHUNK_BYTES bytes) at byte `offset`; main writes it to disk at once. */
  uploadChunk: {
    params: z.strictObject({ uploadId: uploadIdSchema, offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES), data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data must be base64') }),
    result: z.strictObject({ received: z.number().int() }),
  },
  /** Imports the uploaded file once every byte has arrived, then deletes it. */
  uploadFinish: { params: z.strictObject({ uploadId: uploadIdSchema }), result: importResultSchema },
  /** Abandons an upload and deletes what arrived. */
  uploadCancel: { params: z.strictObject({ uploadId: uploadIdSchema }), result: z.strictObject({ cancelled: z.boolean() }) },
  startRecording: { params: none, result: statusSchema },
  stopRecording: { params: none, result: statusSchema },
  saveModel: { params: modelBundleSchema, result: modelEntrySchema },
  loadModel: { params: z.strictObject({ name: modelNameSchema }), result: modelBundleSchema },
  listModels: { params: none, result: z.array(modelEntrySchema) },
  /** Writes the forecasts as formula-safe CSV; Electron asks where (path), browser mode returns the text. */
  exportForecasts: {
    params: z.strictObject({ suggestedName: modelNameSchema, channel: z.string().max(200), rows: z.array(exportRowSchema).max(MAX_EXPORT_ROWS) }),
    result: z.strictObject({ path: z.string().nullable(), csv: z.string().nullable() }),
  },
  /** Saves a chart PNG (data URL); Electron asks where, browser mode downloads it in the page. */
  savePng: { params: z.strictObject({ suggestedName: modelNameSchema, dataUrl: z.string().max(32 * 1024 * 1024).startsWith('data:image/png;base64,') }), result: z.strictObject({ path: z.string().nullable() }) },
  getSettings: { params: none, result: settingsSchema },
  setSettings: { params: settingsSchema.partial().strict(), result: settingsSchema },
  /** Opens an https link from the allowlist in the system browser. */
  openExternal: { params: z.strictObject({ url: z.string().max(2048) }), result: z.strictObject({ opened: z.boolean() }) },
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
export type CommandParams<K extends CommandName> = z.input<(typeof commandSchemas)[K]['params']>;
export type CommandResult<K extends CommandName> = z.output<(typeof commandSchemas)[K]['result']>;

// ---------------------------------------------------------------------------------------------
// Events: main -> page.

export const eventSchemas = {
  samples: sampleBatchSchema,
  /** Browser mode only: see samplesMissedSchema. */
  samplesMissed: samplesMissedSchema,
  status: statusSchema,
  error: appErrorSchema,
  menu: menuActionSchema,
} as const;

export type EventName = keyof typeof eventSchemas;
export const EVENT_NAMES = Object.keys(eventSchemas) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface EventEnvelope<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}

type CommandMethods = {
  [K in CommandName]: CommandParams<K> extends undefined ? () => Promise<Result<CommandResult<K>>> : (params: CommandParams<K>) => Promise<Result<CommandResult<K>>>;
};

/** What the page sees as `window.sensorcast` (Electron) or the WebSocket client (browser mode). */
export type AppApi = CommandMethods & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What main implements for each command; the transport wraps it with validation. */
export type CommandHandlers = {
  [K in CommandName]: (params: z.output<(typeof commandSchemas)[K]['params']>) => Promise<Result<CommandResult<K>>>;
};

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
