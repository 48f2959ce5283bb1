// The model: an LSTM (sigmoid learn/forget/use gates, tanh candidate) over the input window and
// a dense head that outputs all H steps at once. Weights are initialized here in plain TS from a
// seed (Glorot kernels, orthogonal recurrent kernel, forget bias 1), so a seed gives the same
// model on every backend. Called by train.ts (build) and bundle.ts (shape checks).
import * as tf from '@tensorflow/tfjs';

import { createRandom, normal } from './random';

export interface NetworkShape {
  window: number;
  features: number;
  units: number;
  horizon: number;
}

/** Plain copies of the weights, in tfjs's layout (LSTM gate order i, f, c, o). */
export interface NetworkWeights {
  /** features x 4*units */
  kernel: Float32Array;
  /** units x 4*units */
  recurrent: Float32Array;
  /** 4*units */
  bias: Float32Array;
  /** units x horizon */
  head: Float32Array;
  /** horizon */
  headBias: Float32Array;
}

export function buildNetwork(shape: NetworkShape): tf.LayersModel {
  const model = tf.sequential();
  // Zero initializers: real values are set by initialWeights(); this avoids tfjs's own RNG.
  model.add(
    tf.layers.lstm({
      units: shape.units,
      inputShape: [shape.window, shape.features],
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      kernelInitializer: 'zeros',
      recurrentInitializer: 'zeros',
      biasInitializer: 'zeros',
      name: 'lstm',
    }),
  );
  model.add(tf.layers.dense({ units: shape.horizon, kernelInitializer: 'zeros', name: 'head' }));
  return model;
}

function glorot(rows: number, cols: number, rand: () => number): Float32Array {
  const limit = Math.sqrt(6 / (rows + cols));
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (rand() * 2 - 1) * limit;
  return out;
}

/** rows x cols with orthonormal rows (rows <= cols), by Gram-Schmidt on Gaussian draws. */
function orthogonal(rows: number, cols: number, rand: () => number): Float32Array {
  const m: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const v = Array.from({ length: cols }, () => normal(rand));
    for (const u of m) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += v[k] * u[k];
      for (let k = 0; k < cols; k++) v[k] -= dot * u[k];
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    m.push(v.map((x) => x / norm));
  }
  return Float32Array.from(m.flat());
}

export function initialWeights(shape: NetworkShape, seed: number): NetworkWeights {
  const rand = createRandom(seed);
  const u = shape.units;
  const bias = new Float32Array(4 * u);
  bias.fill(1, u, 2 * u); // forget gate bias 1: remember by default early in training
  return {
    kernel: glorot(shape.features, 4 * u, rand),
    recurrent: orthogonal(u, 4 * u, rand),
    bias,
    head: glorot(u, shape.horizon, rand),
    headBias: new Float32Array(shape.horizon),
  };
}

export function setNetworkWeights(model: tf.LayersModel, shape: NetworkShape, w: NetworkWeights): void {
  const u = shape.units;
  const tensors = [
    tf.tensor2d(w.kernel, [shape.features, 4 * u]),
    tf.tensor2d(w.recurrent, [u, 4 * u]),
    tf.tensor1d(w.bias),
    tf.tensor2d(w.head, [u, shape.horizon]),
    tf.tensor1d(w.headBias),
  ];
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export function readNetworkWeights(model: tf.LayersModel): NetworkWeights {
  const [kernel, recurrent, bias, head, headBias] = model.getWeights().map((t) => t.dataSync() as Float32Array);
  return {
    kernel: Float32Array.from(kernel),
    recurrent: Float32Array.from(recurrent),
    bias: Float32Array.from(bias),
    head: Float32Array.from(head),
    headBias: Float32Array.from(headBias),
  };
}
