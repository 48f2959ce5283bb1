// Test helpers for the training kernel: the tfjs oracle (the engine's network from
// shared/model/network.ts, or the same LSTM + head without the highway), seeded weights and
// batches, and a norm-relative comparison.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

import type { KernelShape, KernelWeights } from '../../../shared/kernel';
import { buildNetwork } from '../../../shared/model/network';
import { createRandom, normal } from '../../../shared/model/random';

export { backendReady } from '../model/helpers';

export function headRowsOf(s: KernelShape): number {
  return s.highway ? s.units + s.window * s.features : s.units;
}

/**
 * The tfjs model for a kernel shape: the engine's network (buildNetwork) without the highway; with
 * it, the same LSTM and a head that also reads the flattened window (hidden rows first).
 */
export function oracleModel(s: KernelShape): tf.LayersModel {
  if (!s.highway) return buildNetwork(s);
  const input = tf.input({ shape: [s.window, s.features] });
  const lstm = tf.layers.lstm({ units: s.units, recurrentActivation: 'sigmoid', kernelInitializer: 'zeros', recurrentInitializer: 'zeros' }).apply(input) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([lstm, flat]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: s.horizon, kernelInitializer: 'zeros' }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

export function setOracleWeights(model: tf.LayersModel, s: KernelShape, w: KernelWeights): void {
  const g = 4 * s.units;
  const t = [
    tf.tensor2d(w.kernel, [s.features, g]),
    tf.tensor2d(w.recurrent, [s.units, g]),
    tf.tensor1d(w.bias),
    tf.tensor2d(w.head, [headRowsOf(s), s.horizon]),
    tf.tensor1d(w.headBias),
  ];
  model.setWeights(t);
  tf.dispose(t);
}

/** Random weights of a useful size (every gate and head row active). */
export function randomWeights(s: KernelShape, seed: number): KernelWeights {
  const rand = createRandom(seed);
  const g = 4 * s.units;
  const draw = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => normal(rand) * scale);
  return {
    kernel: draw(s.features * g, 0.5),
    recurrent: draw(s.units * g, 1 / Math.sqrt(s.units)),
    bias: draw(g, 0.3),
    head: draw(headRowsOf(s) * s.horizon, 0.3),
    headBias: draw(s.horizon, 0.1),
  };
}

export function randomBatch(s: KernelShape, n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rand = createRandom(seed);
  return {
    x: Float32Array.from({ length: n * s.window * s.features }, () => normal(rand)),
    y: Float32Array.from({ length: n * s.horizon }, () => normal(rand)),
  };
}

/** max |a - b| <= tol * max |b| (and the same length): relative to the array's scale. */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  expect(a.length, what).toBe(b.length);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  if (scale === 0) {
    expect(diff, `${what}: oracle is all zero`).toBe(0);
    return;
  }
  expect(diff / scale, `${what}: max diff ${diff} at scale ${scale}`).toBeLessThanOrEqual(tol);
}

export const WEIGHT_NAMES = ['kernel', 'recurrent', 'bias', 'head', 'headBias'] as const;
