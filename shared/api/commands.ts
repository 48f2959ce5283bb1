// The app API's messages: one command per method (page -> main, with a result) and the events
// (main -> page), and the AppApi/CommandHandlers types both transports implement.
// Callers: main/api/dispatch.ts, main/ipc, main/server, main/preload, renderer/src/api.
import { z } from 'zod';

import { MAX_EXPORT_ROWS, MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from './limits';
import { csvDialectSchema } from './dialect';
import { appErrorSchema, type Result } from './result';
import { monitorBatchSchema, monitorWatchParamsSchema, monitorWatchResultSchema, sendLineParamsSchema } from './monitor-schemas';
import { modelNameSchema, pathSchema } from './primitives';
import { exportRowSchema, importResultSchema, menuActionSchema, modelBundleSchema, modelEntrySchema, settingsSchema, uploadIdSchema } from './schemas';
import { historySchema, portInfoSchema, sampleBatchSchema, samplesMissedSchema, sourceSpecSchema, statusSchema } from './source-schemas';

// ---------------------------------------------------------------------------------------------
// Commands: one method per message. `params` is what the page sends; `result` what comes back.

const none = z.undefined();

/** What a file dialog is for: a data file to open, or a broker's CA certificate. */
export const fileKindSchema = z.enum(['data', 'certificate']);
export type FileKind = z.infer<typeof fileKindSchema>;

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
  /** The native open dialog (Electron), offering data files or CA certificates first. */
  chooseFile: { params: z.strictObject({ kind: fileKindSchema }), result: z.strictObject({ path: z.string().nullable() }) },
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
  /** Shows the last recording's file in the file manager (Electron); browser mode answers `unsupported` (the page links to /download/recordings/<file>). */
  showRecording: { params: none, result: z.strictObject({ shown: z.boolean() }) },
  /** Saves a model by name; a name already saved fails with `model-exists` unless `overwrite` (the page asks first). */
  saveModel: { params: modelBundleSchema.extend({ overwrite: z.boolean().optional() }), result: modelEntrySchema },
  loadModel: { params: z.strictObject({ name: modelNameSchema }), result: modelBundleSchema },
  listModels: { params: none, result: z.array(modelEntrySchema) },
  /** Writes the forecasts as formula-safe CSV in `dialect` (default: `,`, `.`, ISO UTC); Electron asks where (path), browser mode returns the text. */
  exportForecasts: {
    params: z.strictObject({ suggestedName: modelNameSchema, channel: z.string().max(200), rows: z.array(exportRowSchema).max(MAX_EXPORT_ROWS), dialect: csvDialectSchema.optional() }),
    result: z.strictObject({ path: z.string().nullable(), csv: z.string().nullable() }),
  },
  /** Saves a chart PNG (data URL); Electron asks where, browser mode downloads it in the page. */
  savePng: { params: z.strictObject({ suggestedName: modelNameSchema, dataUrl: z.string().max(32 * 1024 * 1024).startsWith('data:image/png;base64,') }), result: z.strictObject({ path: z.string().nullable() }) },
  getSettings: { params: none, result: settingsSchema },
  setSettings: { params: settingsSchema.partial().strict(), result: settingsSchema },
  /** The serial monitor is open in this page (renew every 10 s) or closed; returns the lines main kept. */
  monitorWatch: { params: monitorWatchParamsSchema, result: monitorWatchResultSchema },
  /** Sends one line and its line ending to the serial port (the monitor's send box). */
  sendLine: { params: sendLineParamsSchema, result: z.strictObject({ bytes: z.number().int() }) },
  /** An alert as an OS notification (Electron); browser mode answers `shown: false` (the page shows its banner). */
  notify: { params: z.strictObject({ title: z.string().min(1).max(200), body: z.string().max(1000) }), result: z.strictObject({ shown: z.boolean() }) },
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
  /** Raw lines of the serial port, about ten batches a second while a page's monitor is open. */
  monitor: monitorBatchSchema,
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
