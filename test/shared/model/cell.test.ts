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
