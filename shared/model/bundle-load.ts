// Model storage stage, reading: validates a bundle (format, version, schema, weight size and
// checksum, weight shapes against the spec) and rebuilds the Forecaster through tfjs's in-memory
// IO handler. Anything wrong is an EngineError BAD_BUNDLE; the caller keeps its current model.
// Called by index.ts `loadBundle` (app, worker, CLI).
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';

import { historyRows } from '../series/encode';

import { BUNDLE_FORMAT, BUNDLE_VERSION, checksum, OLDEST_BUNDLE_VERSION } from './bundle-save';
import { EngineError } from './errors';
import { EngineForecaster } from './forecaster';
import type { ModelSpec } from './spec';
import type { Forecaster, ModelBundle } from './types';

const num = z.number().finite();
const int = z.number().int().positive();
const method = z.enum(['lstm', 'ensemble', 'linear', 'seasonal-naive', 'naive']);
const interval = z.object({ lower: z.array(num), upper: z.array(num), scaleRows: int.optional() });

const specSchema = z.object({
  info: z.looseObject({
    channels: z.array(z.object({ name: z.string(), unit: z.string().optional() })).min(1),
    target: z.string(),
    window: z.number().int().nonnegative(),
    horizon: int,
    period: int,
    units: z.number().int().nonnegative(),
    transform: z.enum(['log', 'none']),
    method,
    methods: z.array(method).min(1),
    level: z.number().gt(0).lt(1),
    trainedUntil: num.nullable().optional(),
  }),
  encoding: z.object({
    window: z.number().int().nonnegative(),
    horizon: int,
    period: int,
    transform: z.enum(['log', 'none']),
    targetScale: num.positive(),
    levelMean: num,
    levelStd: num.positive(),
    context: z.object({ recent: int, block: int, blocks: z.number().int().nonnegative() }),
    covariateMean: z.array(num),
    covariateStd: z.array(num.positive()),
  }),
  intervals: z.partialRecord(method, interval),
});

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  spec: z.unknown(),
  modelTopology: z.record(z.string(), z.unknown()).nullable(),
  weightSpecs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()), dtype: z.literal('float32') })),
  linear: z.object({ byteOffset: z.number().int().nonnegative(), rows: int, cols: int }),
  weightsBytes: z.number().int().nonnegative(),
  weightsChecksum: z.string(),
});

function bad(message: string): EngineError {
  return new EngineError('BAD_BUNDLE', `model bundle rejected: ${message}`, 'retrain, or load another model; the current model is kept');
}

const sameShape = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Checks a bundle without building it; returns the parsed parts. */
export function validateBundle(bundle: ModelBundle): { spec: ModelSpec; manifest: z.infer<typeof manifestSchema> } {
  if (!bundle || typeof bundle !== 'object') throw bad('not a bundle object');
  if (typeof bundle.manifest === 'object' && bundle.manifest && (bundle.manifest as { format?: unknown }).format === BUNDLE_FORMAT) {
    const v = (bundle.manifest as { formatVersion?: unknown }).formatVersion;
    if (typeof v === 'number' && v > BUNDLE_VERSION) throw bad(`format version ${v} is newer than this app reads (${BUNDLE_VERSION})`);
  }
  const parsed = manifestSchema.safeParse(bundle.manifest);
  if (!parsed.success) throw bad(`manifest is not a sensorcast model (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`);
  const manifest = parsed.data;
  if (manifest.formatVersion < OLDEST_BUNDLE_VERSION) {
    throw bad(`format version ${manifest.formatVersion} was written by an older sensorcast (this one reads ${OLDEST_BUNDLE_VERSION}-${BUNDLE_VERSION}); retrain the model`);
  }
  const specParsed = specSchema.safeParse(manifest.spec);
  if (!specParsed.success) throw bad(`model description is invalid (${specParsed.error.issues[0]?.path.join('.')}: ${specParsed.error.issues[0]?.message})`);
  const spec = specParsed.data as unknown as ModelSpec;
  if (!(bundle.weights instanceof ArrayBuffer)) throw bad('weights are not binary data');
  if (bundle.weights.byteLength !== manifest.weightsBytes) throw bad(`weights are ${bundle.weights.byteLength} bytes, expected ${manifest.weightsBytes} (truncated?)`);
  if (checksum(bundle.weights) !== manifest.weightsChecksum) throw bad('weights checksum does not match (corrupt file?)');
  const { info, encoding } = spec;
  const f = info.channels.length;
  const u = info.units;
  const h = info.horizon;
  const F = 2 + f - 1;
  if (encoding.window !== info.window || encoding.horizon !== h || encoding.period !== info.period || encoding.covariateMean.length !== f - 1) {
    throw bad('model description is inconsistent');
  }
  for (const m of info.methods) {
    const iv = spec.intervals[m];
    if (!iv || iv.lower.length !== h || iv.upper.length !== h) throw bad(`interval table of ${m} does not match the horizon`);
    // Why: the local scale is read from the history a forecast keeps; a longer one would read outside it.
    if (iv.scaleRows !== undefined && iv.scaleRows >= historyRows(encoding)) throw bad(`interval scale of ${m} reads more rows than the model keeps`);
  }
  if (!info.methods.includes(info.method)) throw bad('the picked method is not among the model\'s methods');
  const network = info.window > 0 && u > 0;
  if (network !== (manifest.modelTopology !== null) || (network !== info.methods.includes('lstm'))) throw bad('network and model description do not match');
  const expected = network ? [[F, 4 * u], [u, 4 * u], [4 * u], [u, h], [h]] : [];
  const shapes = manifest.weightSpecs.map((s) => s.shape);
  if (shapes.length !== expected.length || !expected.every((e, i) => sameShape(e, shapes[i]))) throw bad('weight shapes do not match the model description');
  const netBytes = shapes.reduce((s, sh) => s + 4 * sh.reduce((a, b) => a * b, 1), 0);
  const lin = manifest.linear;
  if (lin.cols !== h || lin.rows !== encoding.context.recent + encoding.context.blocks || lin.byteOffset !== netBytes) throw bad('linear weights do not match the model description');
  if (netBytes + 4 * lin.rows * lin.cols !== manifest.weightsBytes) throw bad('weight sizes do not add up');
  if (typeof info.valMae !== 'number') info.valMae = NaN;
  return { spec, manifest };
}

export async function loadForecaster(bundle: ModelBundle): Promise<Forecaster> {
  const { spec, manifest } = validateBundle(bundle);
  const lin = manifest.linear;
  const linear = new Float32Array(bundle.weights.slice(lin.byteOffset, lin.byteOffset + 4 * lin.rows * lin.cols));
  if (!manifest.modelTopology) return new EngineForecaster(null, spec, linear);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: manifest.weightSpecs, weightData: bundle.weights.slice(0, lin.byteOffset) }),
    );
  } catch (err) {
    throw bad(`tfjs could not build the network (${err instanceof Error ? err.message : String(err)})`);
  }
  const input = model.inputs[0]?.shape;
  if (!input || input[1] !== spec.info.window || input[2] !== 2 + spec.info.channels.length - 1) {
    model.dispose();
    throw bad('network input shape does not match the model description');
  }
  return new EngineForecaster(model, spec, linear);
}
