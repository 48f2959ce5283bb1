// fitLoop (shared/model/fit.ts) on the kernel: it is the default trainer, trains the same steps as
// tfjs's trainOnBatch, writes the best weights into the tfjs model, says which trainer ran, falls
// back to tfjs with a reason, and a cancel mid-run leaves no tensors or wasm memory behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { kernelMemoryBytes } from '../../../shared/kernel';
import { fitLoop } from '../../../shared/model/fit';
import { buildNetwork, initialWeights, readNetworkWeights, setNetworkWeights, type NetworkShape } from '../../../shared/model/network';
import { resolveOptions } from '../../../shared/model/options';
import type { WindowArrays } from '../../../shared/series/windows';

import { backendReady, expectClose, randomBatch, WEIGHT_NAMES } from './helpers';

const SHAPE: NetworkShape = { window: 12, features: 2, units: 8, horizon: 3 };

function windows(count: number, seed: number): WindowArrays {
  const { x, y } = randomBatch({ ...SHAPE, highway: false }, count, seed);
  // A learnable target: the mean of the last inputs, plus the noise from randomBatch.
  for (let i = 0; i < count; i++) for (let k = 0; k < SHAPE.horizon; k++) y[i * SHAPE.horizon + k] = 0.1 * y[i * SHAPE.horizon + k] + x[(i + 1) * SHAPE.window * SHAPE.features - 1];
  return { x, y, count, features: SHAPE.features };
}

async function fit(trainer: 'auto' | 'kernel' | 'tfjs', epochs = 3, signal?: { aborted: boolean }) {
  const model = buildNetwork(SHAPE);
  setNetworkWeights(model, SHAPE, initialWeights(SHAPE, 5));
  const opt = { ...resolveOptions({ horizon: SHAPE.horizon, epochs, batchSize: 13, learningRate: 0.01, loss: 'mae', seed: 9, patience: 10 }), trainer };
  let progress = 0;
  try {
    const result = await fitLoop(model, SHAPE, windows(70, 1), windows(20, 2), opt, {
      signal,
      onProgress: () => {
        progress++;
        if (signal) signal.aborted = true;
      },
    });
    return { model, result, progress };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

beforeAll(async () => {
  await backendReady;
});

describe('fitLoop on the kernel', () => {
  it('trains with the kernel by default, as tfjs does, and writes the weights into the model', async () => {
    const tensors = tf.memory().numTensors;
    const k = await fit('auto');
    const t = await fit('tfjs');
    expect(k.result.trainer).toBe('kernel (wasm SIMD)');
    expect(k.result.fallbackReason).toBeUndefined();
    expect(t.result.trainer).toBe(`tfjs ${tf.getBackend()}`);
    expect(k.progress).toBe(3);
    expect(Math.abs(k.result.bestValLoss - t.result.bestValLoss) / t.result.bestValLoss).toBeLessThan(1e-3);
    const kw = readNetworkWeights(k.model);
    const tw = readNetworkWeights(t.model);
    for (const name of WEIGHT_NAMES) expectClose(kw[name], tw[name], 1e-3, name);
    k.model.dispose();
    t.model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(kernelMemoryBytes()).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const a = await fit('kernel', 2);
    const b = await fit('kernel', 2);
    expect(readNetworkWeights(a.model)).toEqual(readNetworkWeights(b.model));
    a.model.dispose();
    b.model.dispose();
  });

  it('cancels mid-run with no tensors or wasm memory left', async () => {
    const tensors = tf.memory().numTensors;
    await expect(fit('kernel', 5, { aborted: false })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(kernelMemoryBytes()).toBe(0);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops with NAN_LOSS on NaN data, with no tensors or wasm memory left', async () => {
    const tensors = tf.memory().numTensors;
    const model = buildNetwork(SHAPE);
    setNetworkWeights(model, SHAPE, initialWeights(SHAPE, 5));
    const train = windows(40, 3);
    train.x[17] = NaN;
    const opt = { ...resolveOptions({ horizon: SHAPE.horizon, epochs: 2, batchSize: 16 }), trainer: 'kernel' as const };
    await expect(fitLoop(model, SHAPE, train, windows(10, 4), opt, {})).rejects.toMatchObject({ code: 'NAN_LOSS' });
    model.dispose();
    expect(kernelMemoryBytes()).toBe(0);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('falls back to tfjs and says why when the model is not the kernel network', async () => {
    const input = tf.input({ shape: [SHAPE.window, SHAPE.features] });
    const lstm = tf.layers.lstm({ units: SHAPE.units, recurrentActivation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
    const hidden = tf.layers.dense({ units: 4 }).apply(lstm) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: SHAPE.horizon }).apply(hidden) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const opt = { ...resolveOptions({ horizon: SHAPE.horizon, epochs: 1, batchSize: 16 }), trainer: 'kernel' as const };
    const r = await fitLoop(model, SHAPE, windows(40, 3), windows(10, 4), opt, {});
    expect(r.trainer).toMatch(/^tfjs .*kernel unavailable: the network has 7 weights/);
    expect(r.fallbackReason).toMatch(/7 weights/);
    model.dispose();
  });
});
