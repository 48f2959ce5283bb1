// Training stage, inner loop: seeded batch order, Adam, early stopping on validation loss,
// a NaN/Inf guard that keeps the last good weights, progress events and cancellation.
// Called by train.ts.
import * as tf from '@tensorflow/tfjs';

import type { WindowArrays } from '../series/windows';

import { EngineError } from './errors';
import { readNetworkWeights, setNetworkWeights, type NetworkShape, type NetworkWeights } from './network';
import { defaultBatchSize, type ResolvedOptions } from './options';
import { createRandom, shuffle } from './random';
import type { TrainHooks } from './types';

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  stopReason: 'early-stop' | 'max-epochs' | 'nan-loss';
  bestValLoss: number;
}

function cancelled(): EngineError {
  return new EngineError('CANCELLED', 'training was cancelled');
}

/** Lets pending events (progress, cancel clicks) run between batches. */
const yieldToEvents = (): Promise<void> =>
  // Reached through globalThis: shared/ compiles without DOM or Node types.
  new Promise((resolve) => (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(resolve, 0));

export async function fitLoop(
  model: tf.LayersModel,
  shape: NetworkShape,
  train: WindowArrays,
  val: WindowArrays,
  opt: ResolvedOptions,
  hooks: TrainHooks,
): Promise<FitResult> {
  const { window: w, features: f, horizon: h } = shape;
  const optimizer = tf.train.adam(opt.learningRate);
  model.compile({ optimizer, loss: opt.loss === 'mse' ? 'meanSquaredError' : 'meanAbsoluteError' });
  const valX = tf.tensor3d(val.x, [val.count, w, f]);
  const valY = tf.tensor2d(val.y, [val.count, h]);
  const rand = createRandom((opt.seed ^ 0x5eed5eed) >>> 0);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const bs = Math.min(opt.batchSize ?? defaultBatchSize(train.count), train.count);
  const xb = new Float32Array(bs * w * f);
  const yb = new Float32Array(bs * h);
  let best: NetworkWeights | null = null;
  let bestVal = Infinity;
  let bestEpoch = 0;
  let stopReason: FitResult['stopReason'] = 'max-epochs';
  let epoch = 0;
  const started = Date.now();
  try {
    for (epoch = 1; epoch <= opt.epochs; epoch++) {
      shuffle(order, rand);
      let sum = 0;
      for (let start = 0; start < train.count; start += bs) {
        if (hooks.signal?.aborted) throw cancelled();
        const n = Math.min(bs, train.count - start);
        for (let i = 0; i < n; i++) {
          const k = order[start + i];
          xb.set(train.x.subarray(k * w * f, (k + 1) * w * f), i * w * f);
          yb.set(train.y.subarray(k * h, (k + 1) * h), i * h);
        }
        const xs = tf.tensor3d(xb.subarray(0, n * w * f), [n, w, f]);
        const ys = tf.tensor2d(yb.subarray(0, n * h), [n, h]);
        try {
          const loss = (await model.trainOnBatch(xs, ys)) as number;
          sum += loss * n;
        } finally {
          xs.dispose();
          ys.dispose();
        }
      }
      const loss = sum / train.count;
      const valLoss = tf.tidy(() => {
        const pred = model.predict(valX) as tf.Tensor;
        return (opt.loss === 'mse' ? tf.losses.meanSquaredError(valY, pred) : tf.losses.absoluteDifference(valY, pred)).dataSync()[0];
      });
      // Why: a diverging run must not overwrite good weights with NaN; keep the last good ones.
      if (!Number.isFinite(loss) || !Number.isFinite(valLoss)) {
        stopReason = 'nan-loss';
        break;
      }
      if (valLoss < bestVal - 1e-7) {
        bestVal = valLoss;
        bestEpoch = epoch;
        best = readNetworkWeights(model);
      }
      const perEpoch = (Date.now() - started) / 1000 / epoch;
      const stopNow = epoch - bestEpoch >= opt.patience;
      hooks.onProgress?.({
        epoch,
        epochs: opt.epochs,
        loss,
        valLoss,
        etaSeconds: stopNow ? 0 : perEpoch * Math.min(opt.epochs - epoch, opt.patience - (epoch - bestEpoch)),
      });
      if (stopNow) {
        stopReason = 'early-stop';
        break;
      }
      await yieldToEvents();
    }
    if (!best) {
      throw new EngineError('NAN_LOSS', 'the training loss became NaN or infinite before any usable epoch', 'try a smaller learning rate, or check the data for extreme values');
    }
    setNetworkWeights(model, shape, best);
    return { epochsRun: Math.min(epoch, opt.epochs), bestEpoch, stopReason, bestValLoss: bestVal };
  } finally {
    valX.dispose();
    valY.dispose();
    optimizer.dispose();
  }
}
