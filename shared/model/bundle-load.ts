// Model storage stage, reading: validates a bundle (format, version, schema, weight size and
// checksum, weight shapes against the spec) and rebuilds the Forecaster through tfjs's in-memory
// IO handler. Anything wrong is an EngineError BAD_BUNDLE; the caller keeps its current model.
// Called by index.ts `loadBundle` (app, worker, CLI).
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';

import { BUNDLE_FORMAT, BUNDLE_VERSION, checksum } from './bundle-save';
import { EngineError } from './errors';
import { EngineForecaster } from './forecaster';
// Registers the fused LSTM layer's class, so tf.loadLayersModel can rebuild it by name.
import './fused-lstm';
import type { ModelSpec } from './spec';
import type { Forecaster, ModelBundle } from './types';

const num = z.number().finite();
const int = z.number().int().positive();
const method = z.enum(['lstm', 'ensemble', 'seasonal-naive', 'naive']);
const interval = z.object({ lower: z.array(num), upper: z.array(num) });

const specSchema = z.object({
  info: z.looseObject({
    channels: z.array(z.object({ name: z.string(), unit: z.string().optional() })).min(1),
    target: z.string(),
    window: int,
    horizon: int,
    period: int,
    units: int,
    transform: z.enum(['log', 'none']),
    method,
    level: z.number().gt(0).lt(1),
  }),
  encoding: z.object({
    window: int,
    horizon: int,
    period: int,
    transform: z.enum(['log', 'none']),
    base: z.enum(['seasonal-naive', 'naive']),
    targetScale: num.positive(),
    covariateMean: z.array(num),
    covariateStd: z.array(num.positive()),
  }),
  intervals: z.object({ lstm: interval, ensemble: interval, 'seasonal-naive': interval, naive: interval }),
});

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  spec: z.unknown(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightSpecs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()), dtype: z.literal('float32') })),
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
  if (manifest.formatVersion !== BUNDLE_VERSION) throw bad(`format version ${manifest.formatVersion} is not ${BUNDLE_VERSION}`);
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
  if (encoding.window !== info.window || encoding.horizon !== h || encoding.period !== info.period || encoding.covariateMean.length !== f - 1) {
    throw bad('model description is inconsistent');
  }
  for (const iv of Object.values(spec.intervals)) if (iv.lower.length !== h || iv.upper.length !== h) throw bad('interval table does not match the horizon');
  const expected = [[f, 4 * u], [u, 4 * u], [4 * u], [u + info.window * f, h], [h]];
  const shapes = manifest.weightSpecs.map((s) => s.shape);
  if (shapes.length !== expected.length || !expected.every((e, i) => sameShape(e, shapes[i]))) throw bad('weight shapes do not match the model description');
  const total = shapes.reduce((s, sh) => s + 4 * sh.reduce((a, b) => a * b, 1), 0);
  if (total !== manifest.weightsBytes) throw bad('weight sizes do not add up');
  return { spec, manifest };
}

export async function loadForecaster(bundle: ModelBundle): Promise<Forecaster> {
  const { spec, manifest } = validateBundle(bundle);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: manifest.weightSpecs, weightData: bundle.weights }),
    );
  } catch (err) {
    throw bad(`tfjs could not build the network (${err instanceof Error ? err.message : String(err)})`);
  }
  const input = model.inputs[0]?.shape;
  if (!input || input[1] !== spec.info.window || input[2] !== spec.info.channels.length) {
    model.dispose();
    throw bad('network input shape does not match the model description');
  }
  return new EngineForecaster(model, spec);
}
