// Streaming: the plain-TS LSTM cell (shared/model/cell.ts) must give tfjs's own forecast to 1e-4
// (relative) on the same window, over several seeds and shapes, and expose the last step's gates.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { LstmCell } from '../../../shared/model/cell';
import { buildNetwork, headRows, initialWeights, setNetworkWeights, type NetworkShape } from '../../../shared/model/network';
import { createRandom, normal } from '../../../shared/model/random';

import { backendReady } from './helpers';

/** Relative difference, guarded near zero by the output's overall size. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), 1e-2 * scale, 1e-6));
  return worst;
}

const SHAPES: NetworkShape[] = [
  { window: 8, features: 1, units: 4, horizon: 1 },
  { window: 24, features: 1, units: 16, horizon: 12 },
  { window: 14, features: 4, units: 32, horizon: 7 },
  { window: 48, features: 2, units: 64, horizon: 24 },
];

describe('streaming LSTM cell equals tfjs', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  for (const shape of SHAPES) {
    for (const seed of [1, 7, 123]) {
      it(`window ${shape.window}, ${shape.features} feature(s), ${shape.units} units, H ${shape.horizon}, seed ${seed}`, () => {
        const rand = createRandom(seed * 31 + 1);
        const w = initialWeights(shape, seed);
        // Trained weights are not at their initial values: perturb every weight.
        for (const arr of [w.kernel, w.recurrent, w.bias, w.head, w.headBias]) for (let i = 0; i < arr.length; i++) arr[i] += 0.3 * normal(rand);
        expect(w.head.length).toBe(headRows(shape) * shape.horizon);
        const model = buildNetwork(shape);
        setNetworkWeights(model, shape, w);
        const input = Float32Array.from({ length: shape.window * shape.features }, () => normal(rand));
        const expected = tf.tidy(() => (model.predict(tf.tensor3d(input, [1, shape.window, shape.features])) as tf.Tensor).dataSync());
        model.dispose();
        const cell = new LstmCell(shape, w);
        const out = new Float32Array(shape.horizon);
        cell.run(input, out);
        expect(maxRelDiff(expected, out)).toBeLessThan(1e-4);
        // Gates of the last step are probabilities (sigmoid) and the candidate is in (-1, 1) (tanh).
        for (const g of [cell.gates.forget, cell.gates.learn, cell.gates.use]) expect(g.every((v) => v > 0 && v < 1)).toBe(true);
        expect(cell.gates.remember.every((v) => v > -1 && v < 1)).toBe(true);
        expect(cell.gates.hidden).toHaveLength(shape.units);
      });
    }
  }
});

describe('streaming cell: one step per sample carries the state as tfjs does over the whole sequence', () => {
  for (const seed of [2, 5]) {
    it(`step() over 3 windows' worth of rows equals tfjs run over all of them (seed ${seed})`, () => {
      const shape: NetworkShape = { window: 10, features: 3, units: 12, horizon: 5 };
      const rand = createRandom(seed);
      const w = initialWeights(shape, seed);
      for (const arr of [w.kernel, w.recurrent, w.bias, w.head, w.headBias]) for (let i = 0; i < arr.length; i++) arr[i] += 0.3 * normal(rand);
      const rows = 3 * shape.window;
      const input = Float32Array.from({ length: rows * shape.features }, () => normal(rand));
      const cell = new LstmCell(shape, w);
      const out = new Float32Array(shape.horizon);
      cell.resetState();
      for (let t = 0; t < rows; t++) cell.step(input, t * shape.features);
      cell.head(out);
      const long = { ...shape, window: rows };
      const model = buildNetwork(long);
      setNetworkWeights(model, long, w);
      const expected = tf.tidy(() => (model.predict(tf.tensor3d(input, [1, rows, shape.features])) as tf.Tensor).dataSync());
      model.dispose();
      expect(maxRelDiff(expected, out)).toBeLessThan(1e-4);
    });
  }
});

describe('fused LSTM layer equals tf.layers.lstm', () => {
  it('gives the same outputs on the same weights', () => {
    const shape: NetworkShape = { window: 12, features: 3, units: 8, horizon: 4 };
    const rand = createRandom(11);
    const w = initialWeights(shape, 5);
    for (const arr of [w.kernel, w.recurrent, w.bias, w.head]) for (let i = 0; i < arr.length; i++) arr[i] += 0.3 * normal(rand);
    const input = tf.tensor3d(Float32Array.from({ length: 5 * 12 * 3 }, () => normal(rand)), [5, 12, 3]);
    const outs = [false, true].map((fused) => {
      const model = buildNetwork(shape, { fused });
      setNetworkWeights(model, shape, w);
      const out = tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync());
      model.dispose();
      return out;
    });
    input.dispose();
    expect(maxRelDiff(outs[0], outs[1])).toBeLessThan(1e-4);
  });

  it('trains to the same weights as tf.layers.lstm (same gradients, Adam, 3 batches)', async () => {
    const shape: NetworkShape = { window: 10, features: 2, units: 6, horizon: 3 };
    const rand = createRandom(21);
    const w = initialWeights(shape, 9);
    for (let i = 0; i < w.head.length; i++) w.head[i] += 0.2 * normal(rand);
    const x = tf.tensor3d(Float32Array.from({ length: 16 * 10 * 2 }, () => normal(rand)), [16, 10, 2]);
    const y = tf.tensor2d(Float32Array.from({ length: 16 * 3 }, () => normal(rand)), [16, 3]);
    const trained: Float32Array[][] = [];
    for (const fused of [false, true]) {
      const model = buildNetwork(shape, { fused });
      setNetworkWeights(model, shape, w);
      const optimizer = tf.train.adam(0.01);
      model.compile({ optimizer, loss: 'meanSquaredError' });
      for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
      trained.push(model.getWeights().map((t) => t.dataSync() as Float32Array));
      optimizer.dispose();
      model.dispose();
    }
    tf.dispose([x, y]);
    expect(trained[1]).toHaveLength(trained[0].length);
    // Weights moved (3 Adam steps of 0.01) and moved the same way in both layers.
    trained[0].forEach((a, i) => expect(maxRelDiff(a, trained[1][i])).toBeLessThan(1e-4));
    expect(maxRelDiff(trained[0][0], w.kernel)).toBeGreaterThan(1e-3);
  });
});
