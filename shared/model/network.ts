// The network: an LSTM (sigmoid learn/forget/use gates, tanh candidate) over the input window and
// a dense head that outputs all H steps at once: the correction to the linear method's forecast
// (shared/model/linear.ts), which carries the long context. Weights are initialized here in plain TS from a
// seed (Glorot kernels, orthogonal recurrent kernel, forget bias 1), so a seed gives the same
// model on every backend. Called by train.ts (build), forecaster.ts (weights for streaming) and the tests.
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
  /** units x horizon: reads the last hidden state. */
  head: Float32Array;
  /** horizon */
  headBias: Float32Array;
}

export function buildNetwork(shape: NetworkShape): tf.LayersModel {
  const input = tf.input({ shape: [shape.window, shape.features], name: 'window' });
  // Zero initializers: real values are set by initialWeights(); this avoids tfjs's own RNG.
  const recurrent = tf.layers.lstm({
    units: shape.units,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
    biasInitializer: 'zeros',
    name: 'lstm',
  });
  const lstm = recurrent.apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: shape.horizon, kernelInitializer: 'zeros', name: 'head' }).apply(lstm) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'sensorcast_lstm' });
}

/** Rows of the head's kernel: the LSTM's hidden state. */
export function headRows(shape: NetworkShape): number {
  return shape.units;
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
  const head = new Float32Array(headRows(shape) * shape.horizon);
  bias.fill(1, u, 2 * u); // forget gate bias 1: remember by default early in training
  const kernel = glorot(shape.features, 4 * u, rand);
  const recurrent = orthogonal(u, 4 * u, rand);
  // A small head: the network starts close to the linear forecast it corrects.
  head.set(glorot(u, shape.horizon, rand).map((v) => 0.1 * v));
  return {
    kernel,
    recurrent,
    bias,
    head,
    headBias: new Float32Array(shape.horizon),
  };
}

export function setNetworkWeights(model: tf.LayersModel, shape: NetworkShape, w: NetworkWeights): void {
  const u = shape.units;
  const tensors = [
    tf.tensor2d(w.kernel, [shape.features, 4 * u]),
    tf.tensor2d(w.recurrent, [u, 4 * u]),
    tf.tensor1d(w.bias),
    tf.tensor2d(w.head, [headRows(shape), shape.horizon]),
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
