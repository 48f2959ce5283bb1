// The epoch loop (shared/model/fit.ts): a loss that turns NaN mid-training stops it with the last
// good weights kept.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { fitLoop } from '../../../shared/model/fit';
import { buildNetwork, initialWeights, readNetworkWeights, setNetworkWeights, type NetworkShape } from '../../../shared/model/network';
import { resolveOptions } from '../../../shared/model/options';
import type { WindowArrays } from '../../../shared/series/windows';

import { backendReady, synthetic, windowArrays } from './helpers';

describe('fitLoop', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  it('a NaN loss mid-training stops, keeps the last good weights and says why', async () => {
    // Deterministic: the training windows turn non-finite after epoch 2, so epochs 1 and 2 are good
    // and epoch 3 diverges, whatever the learning rate or the trainer.
    const shape: NetworkShape = { window: 12, features: 1, units: 8, horizon: 3 };
    const series = synthetic(160, 12, 7).channels[0].values;
    const scaled = Float32Array.from(series, (v) => (v - 20) / 5);
    const windowsFrom = (from: number, to: number): WindowArrays => windowArrays(scaled, shape.window, shape.horizon, from, to);
    const trainSet = windowsFrom(0, 120);
    const valSet = windowsFrom(105, 160);
    const model = buildNetwork(shape);
    try {
      setNetworkWeights(model, shape, initialWeights(shape, 1));
      const epochs: number[] = [];
      const result = await fitLoop(model, shape, trainSet, valSet, resolveOptions({ horizon: 3, epochs: 20, patience: 20, seed: 1 }), {
        onProgress: (p) => {
          epochs.push(p.epoch);
          expect(Number.isFinite(p.loss) && Number.isFinite(p.valLoss)).toBe(true);
          if (p.epoch === 2) trainSet.x.fill(Number.NaN, 0, 5 * shape.window);
        },
      });
      expect(result.stopReason).toBe('nan-loss');
      expect(epochs).toEqual([1, 2]);
      expect([1, 2]).toContain(result.bestEpoch);
      expect(Number.isFinite(result.bestValLoss)).toBe(true);
      // The weights are the last good ones (trained, not the initial ones, all finite): the forecasts are finite.
      const kept = readNetworkWeights(model);
      expect(Array.from(kept.kernel).every(Number.isFinite)).toBe(true);
      expect(Array.from(kept.kernel)).not.toEqual(Array.from(initialWeights(shape, 1).kernel));
      const forecasts = tf.tidy(() => (model.predict(tf.tensor3d(valSet.x, [valSet.count, shape.window, 1])) as tf.Tensor).dataSync());
      expect(forecasts.length).toBe(valSet.count * shape.horizon);
      expect(Array.from(forecasts).every(Number.isFinite)).toBe(true);
    } finally {
      model.dispose();
    }
  });
});
