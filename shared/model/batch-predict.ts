// Forecasting stage, many windows at once: the network's outputs for a batch of encoded windows
// (the pick's validation windows, a backtest's test origins). Runs on the wasm kernel
// (shared/kernel), tens of times faster than tfjs's per-step ops, and falls back to tfjs where the
// kernel cannot run. Chunks of 256 windows with a yield between them keep cancel quick.
// Called by train.ts and forecaster.ts.
import * as tf from '@tensorflow/tfjs';

import { createLstmTrainer, type LstmTrainer } from '../kernel';

import { TimeSlicer } from './events';
import type { NetworkShape, NetworkWeights } from './network';

const CHUNK = 256;

function kernelFor(shape: NetworkShape, weights: NetworkWeights): LstmTrainer | null {
  try {
    const trainer = createLstmTrainer({ ...shape, highway: false }, { maxBatch: CHUNK, learningRate: 1e-3, loss: 'mse' });
    trainer.setWeights(weights);
    return trainer;
  } catch {
    // No SIMD, no WebAssembly, or a shape the kernel does not take: tfjs gives the same numbers.
    return null;
  }
}

/** Outputs (n x horizon) of `n` windows (n x window x features, row-major). */
export async function predictWindows(model: tf.LayersModel, shape: NetworkShape, weights: NetworkWeights, x: Float32Array, n: number, slicer = new TimeSlicer()): Promise<Float32Array> {
  const size = shape.window * shape.features;
  const out = new Float32Array(n * shape.horizon);
  const kernel = kernelFor(shape, weights);
  try {
    for (let start = 0; start < n; start += CHUNK) {
      if (slicer.due()) await slicer.pause();
      const k = Math.min(CHUNK, n - start);
      const input = x.subarray(start * size, (start + k) * size);
      const target = out.subarray(start * shape.horizon, (start + k) * shape.horizon);
      if (kernel) kernel.predict(input, k, target);
      else target.set(tf.tidy(() => (model.predict(tf.tensor3d(input, [k, shape.window, shape.features])) as tf.Tensor).dataSync() as Float32Array));
    }
  } finally {
    kernel?.dispose();
  }
  return out;
}
