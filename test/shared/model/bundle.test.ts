// Model bundles: a versioned, validated save/load through tfjs's in-memory IO handler
// (shared/model/bundle-save.ts, bundle-load.ts). A corrupt, truncated or mismatched bundle is
// rejected with BAD_BUNDLE and the current model keeps working (FAULTS.md 24).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BUNDLE_VERSION, loadBundle, train, type Forecaster, type ModelBundle } from '../../../shared/model';

import { backendReady, synthetic } from './helpers';

const table = synthetic(130, 12, 9, { x: (i) => Math.sin(i / 4) });
let model: Forecaster;
let bundle: ModelBundle;

/** A deep copy through JSON, as a bundle written to disk and read back would be. */
function copy(b: ModelBundle): ModelBundle {
  return { manifest: JSON.parse(JSON.stringify(b.manifest)) as Record<string, unknown>, weights: b.weights.slice(0) };
}

describe('model bundle', () => {
  beforeAll(async () => {
    await backendReady;
    model = await train({ table, target: 'y', covariates: ['x'] }, { horizon: 4, epochs: 3, seed: 2 });
    bundle = await model.toBundle();
  });
  afterAll(() => model.dispose());

  it('round-trips: same info and the same forecast after JSON + binary storage', async () => {
    expect(bundle.manifest).toMatchObject({ format: 'sensorcast-model', formatVersion: BUNDLE_VERSION });
    const loaded = await loadBundle(copy(bundle));
    try {
      expect(loaded.info).toEqual(model.info);
      expect(loaded.forecast(table, { method: 'lstm' })).toEqual(model.forecast(table, { method: 'lstm' }));
      expect(loaded.forecast(table)).toEqual(model.forecast(table));
    } finally {
      loaded.dispose();
    }
  });

  it('keeps when its training data end, so that only later values score it: the last row\'s time, null without a clock', async () => {
    expect(model.info.trainedUntil).toBeNull();
    const start = Date.UTC(2024, 0, 1);
    const timed = { ...table, time: Float64Array.from({ length: 130 }, (_, i) => start + i * 3_600_000), intervalMs: 3_600_000 };
    const hourly = await train({ table: timed, target: 'y' }, { horizon: 4, epochs: 1, seed: 2, methods: ['linear', 'seasonal-naive', 'naive'] });
    try {
      expect(hourly.info.trainedUntil).toBe(start + 129 * 3_600_000);
      const loaded = await loadBundle(copy(await hourly.toBundle()));
      expect(loaded.info.trainedUntil).toBe(start + 129 * 3_600_000);
      loaded.dispose();
    } finally {
      hourly.dispose();
    }
  });

  it('reads a version 2 bundle: interval widths in model units, without a local scale', async () => {
    const old = copy(bundle);
    const spec = old.manifest.spec as { intervals: Record<string, { lower: number[]; upper: number[]; scaleRows?: number }> };
    expect(spec.intervals.lstm.scaleRows).toBeGreaterThan(1);
    for (const iv of Object.values(spec.intervals)) delete iv.scaleRows;
    const loaded = await loadBundle({ ...old, manifest: { ...old.manifest, formatVersion: 2 } });
    try {
      const now = model.forecast(table, { method: 'lstm' });
      const then = loaded.forecast(table, { method: 'lstm' });
      expect(then.mean).toEqual(now.mean);
      // The same widths, no longer multiplied by the local scale.
      expect(then.upper[0] - then.mean[0]).not.toBeCloseTo(now.upper[0] - now.mean[0], 6);
      expect(then.upper[0] - then.mean[0]).toBeCloseTo(spec.intervals.lstm.upper[0], 6);
    } finally {
      loaded.dispose();
    }
  });

  const rejects: [string, (b: ModelBundle) => ModelBundle, RegExp][] = [
    ['corrupt weights (one byte flipped)', (b) => {
      new Uint8Array(b.weights)[10] ^= 0xff;
      return b;
    }, /checksum/],
    ['truncated weights', (b) => ({ ...b, weights: b.weights.slice(0, b.weights.byteLength - 8) }), /truncated/],
    ['a window that does not match the weights', (b) => {
      const spec = b.manifest.spec as { info: { window: number }; encoding: { window: number } };
      spec.info.window += 1;
      spec.encoding.window += 1;
      return b;
    }, /shape/],
    ['a newer format version', (b) => ({ ...b, manifest: { ...b.manifest, formatVersion: BUNDLE_VERSION + 1 } }), /newer/],
    ['a format version older than 2', (b) => ({ ...b, manifest: { ...b.manifest, formatVersion: 1 } }), /older sensorcast/],
    ['not a sensorcast manifest', (b) => ({ ...b, manifest: { hello: 'world' } }), /not a sensorcast model/],
    ['missing weights', (b) => ({ ...b, weights: undefined as unknown as ArrayBuffer }), /not binary/],
    ['a training end that is no time', (b) => {
      (b.manifest.spec as { info: Record<string, unknown> }).info.trainedUntil = 'yesterday';
      return b;
    }, /trainedUntil/],
  ];
  it.each(rejects)('rejects %s with BAD_BUNDLE; the current model keeps working', async (_name, damage, message) => {
    const before = tf.memory().numTensors;
    const err = await loadBundle(damage(copy(bundle))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EngineError', code: 'BAD_BUNDLE' });
    expect((err as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
    expect(model.forecast(table).mean).toHaveLength(4);
  });
});
