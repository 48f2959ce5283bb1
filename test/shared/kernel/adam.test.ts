// Training steps: several kernel Adam steps equal tfjs's trainOnBatch on the same weights and
// batches, and the trained weights load into the tfjs model and forecast the same.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { createLstmTrainer, type KernelShape } from '../../../shared/kernel';

import { backendReady, expectClose, oracleModel, randomBatch, randomWeights, setOracleWeights, WEIGHT_NAMES } from './helpers';

beforeAll(async () => {
  await backendReady;
});

const CASES: { shape: KernelShape; n: number; loss: 'mae' | 'mse' }[] = [
  { shape: { window: 12, features: 2, units: 6, horizon: 3, highway: true }, n: 7, loss: 'mae' },
  { shape: { window: 20, features: 1, units: 16, horizon: 12, highway: false }, n: 10, loss: 'mse' },
];

describe('kernel Adam steps against tfjs trainOnBatch', () => {
  for (const { shape, n, loss } of CASES) {
    it(`5 steps, U${shape.units} highway ${shape.highway} ${loss}`, async () => {
      const lr = 0.01;
      const weights = randomWeights(shape, 11);
      const model = oracleModel(shape);
      setOracleWeights(model, shape, weights);
      const optimizer = tf.train.adam(lr);
      model.compile({ optimizer, loss: loss === 'mse' ? 'meanSquaredError' : 'meanAbsoluteError' });
      const trainer = createLstmTrainer(shape, { maxBatch: n, learningRate: lr, loss });
      try {
        trainer.setWeights(weights);
        for (let step = 0; step < 5; step++) {
          const { x, y } = randomBatch(shape, n, 200 + step);
          const xs = tf.tensor3d(x, [n, shape.window, shape.features]);
          const ys = tf.tensor2d(y, [n, shape.horizon]);
          const tfLoss = (await model.trainOnBatch(xs, ys)) as number;
          tf.dispose([xs, ys]);
          const kLoss = trainer.trainBatch(x, y, n);
          expect(Math.abs(kLoss - tfLoss) / tfLoss, `loss at step ${step}`).toBeLessThan(1e-4);
        }
        const tfWeights = model.getWeights().map((t) => t.dataSync());
        const kWeights = trainer.getWeights();
        WEIGHT_NAMES.forEach((name, i) => expectClose(kWeights[name], tfWeights[i], 1e-4, name));

        // The kernel's weights in the tfjs model forecast what the kernel forecasts.
        const { x } = randomBatch(shape, n, 999);
        setOracleWeights(model, shape, kWeights);
        const xs = tf.tensor3d(x, [n, shape.window, shape.features]);
        const tfPred = tf.tidy(() => (model.predict(xs) as tf.Tensor).dataSync());
        xs.dispose();
        const pred = new Float32Array(n * shape.horizon);
        trainer.predict(x, n, pred);
        expectClose(pred, tfPred, 1e-4, 'forecasts after training');
      } finally {
        trainer.dispose();
        optimizer.dispose();
        model.dispose();
      }
    });
  }
});
