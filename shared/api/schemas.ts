// The app API's building blocks and file, model and settings payloads (zod schemas and the types
// derived from them). Live-source payloads are in source-schemas.ts.
// Callers: shared/api/commands.ts, main/ handlers, renderer/src.
import { z } from 'zod';

import { alertRulesSchema } from '../alerts/rule-schema';
import { csvDialectSchema } from './dialect';
import { MAX_WEIGHTS_CHARS } from './limits';
import { modelNameSchema, nullableNumbers } from './primitives';
import { sourceSpecSchema } from './source-schemas';

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
  /** How the file was written (delimiter, decimal mark, time layout): its exports follow it by default. */
  dialect: csvDialectSchema.optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

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
  /** The page's alert rules (shared/alerts), evaluated on the live data; a settings file without them loads with none. */
  alertRules: alertRulesSchema,
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
  alertRules: [],
};

export const modelBundleSchema = z.strictObject({
  name: modelNameSchema,
  /** The engine's manifest (JSON); main stores it as-is, the engine validates it on load. */
  manifest: z.record(z.string(), z.unknown()),
  /** Weights, base64. */
  weights: z.string().max(MAX_WEIGHTS_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'weights must be base64'),
});
export type ModelBundleWire = z.infer<typeof modelBundleSchema>;

/** A saved model in the list; what it is comes from its manifest (absent where that is not the engine's). */
export const modelEntrySchema = z.strictObject({
  name: z.string(),
  savedAt: z.number(),
  bytes: z.number(),
  /** The channel it forecasts. */
  target: z.string().max(200).optional(),
  /** Its input channels, target first, with their units. */
  channels: z.array(z.strictObject({ name: z.string().max(200), unit: z.string().max(50).optional() })).max(64).optional(),
  /** Its seasons in rows, with their names ("daily"). */
  seasons: z.array(z.strictObject({ period: z.number(), label: z.string().max(100) })).max(10).optional(),
  horizon: z.number().int().optional(),
  /** The sample interval of the data it was trained on, ms (null: no clock). */
  intervalMs: z.number().nullable().optional(),
});
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
