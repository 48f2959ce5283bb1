// The kernel's forecasts, loss and gradients equal tfjs's (tf.variableGrads through the engine's
// network) to 1e-4 relative, over shapes (F > 1, U not a multiple of 4, H = 1, highway on and off,
// batches not a multiple of 4, products ending in half panels) and seeds.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { createLstmTrainer, type KernelShape } from '../../../shared/kernel';

import { backendReady, expectClose, oracleModel, randomBatch, randomWeights, setOracleWeights, WEIGHT_NAMES } from './helpers';

const CASES: { shape: KernelShape; n: number; seed: number; loss: 'mae' | 'mse' }[] = [
  { shape: { window: 12, features: 1, units: 8, horizon: 4, highway: true }, n: 5, seed: 1, loss: 'mae' },
  { shape: { window: 10, features: 3, units: 7, horizon: 1, highway: true }, n: 6, seed: 2, loss: 'mae' },
  { shape: { window: 9, features: 2, units: 13, horizon: 5, highway: false }, n: 7, seed: 3, loss: 'mse' },
  { shape: { window: 16, features: 4, units: 16, horizon: 12, highway: false }, n: 9, seed: 4, loss: 'mae' },
  { shape: { window: 24, features: 1, units: 32, horizon: 3, highway: true }, n: 33, seed: 5, loss: 'mse' },
  { shape: { window: 1, features: 2, units: 5, horizon: 2, highway: true }, n: 1, seed: 6, loss: 'mae' },
  // 4U = 40 and U rounded up to 4 = 12: both packed products end in a half panel; 13 rows end in a single row.
  { shape: { window: 5, features: 3, units: 10, horizon: 2, highway: false }, n: 13, seed: 7, loss: 'mse' },
];

beforeAll(async () => {
  await backendReady;
});

describe('LSTM kernel against tfjs', () => {
  for (const { shape, n, seed, loss } of CASES) {
    it(`T${shape.window} F${shape.features} U${shape.units} H${shape.horizon} highway ${shape.highway} n${n} ${loss}`, () => {
      const weights = randomWeights(shape, seed);
      const { x, y } = randomBatch(shape, n, seed + 100);
      const model = oracleModel(shape);
      setOracleWeights(model, shape, weights);
      const xs = tf.tensor3d(x, [n, shape.window, shape.features]);
      const ys = tf.tensor2d(y, [n, shape.horizon]);
      const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
      const { value, grads } = tf.variableGrads(() => {
        const d = tf.sub(model.apply(xs) as tf.Tensor, ys);
        return (loss === 'mse' ? tf.mean(tf.square(d)) : tf.mean(tf.abs(d))) as tf.Scalar;
      }, vars);
      const tfPred = (model.predict(xs) as tf.Tensor).dataSync();
      const tfLoss = value.dataSync()[0];
      const tfGrads = vars.map((v) => grads[v.name].dataSync());
      tf.dispose([xs, ys, value, ...Object.values(grads)]);
      model.dispose();

      const trainer = createLstmTrainer(shape, { maxBatch: n + 3, learningRate: 0.01, loss });
      try {
        trainer.setWeights(weights);
        const pred = new Float32Array(n * shape.horizon);
        trainer.predict(x, n, pred);
        expectClose(pred, tfPred, 1e-4, 'forecasts');
        const k = trainer.gradients(x, y, n);
        expect(Math.abs(k.loss - tfLoss) / Math.abs(tfLoss)).toBeLessThan(1e-4);
        WEIGHT_NAMES.forEach((name, i) => expectClose(k.grads[name], tfGrads[i], 1e-4, `d${name}`));
      } finally {
        trainer.dispose();
      }
    });
  }
});
