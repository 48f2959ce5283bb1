// Training stage, inner loop: seeded batch order, Adam, early stopping on validation loss,
// a NaN/Inf guard that keeps the last good weights, a time budget, progress events and
// cancellation. The batches run on the wasm LSTM kernel (shared/kernel) by default, on tfjs's
// trainOnBatch when the kernel cannot run or when asked; on WebGL on whichever of the two the
// first batch measures faster (a real GPU may win for big models); FitResult.trainer says which
// and why. Big batches are split across helper threads where the entry registered them
// (shared/kernel/parallel.ts; main/cli/kernel-pool.ts on Node), on the threads or one part after
// another here, whichever the first batches measure faster (the same arithmetic either way, so a
// seed gives the same model). The runners are in fit-runners.ts. Called by train.ts.
import type * as tf from '@tensorflow/tfjs';

import type { WindowArrays } from '../series/windows';

import { EngineError } from './errors';
import { yieldToEvents } from './events';
import { chooseRunner, type FitOptions } from './fit-runners';
import type { NetworkShape } from './network';
import { defaultBatchSize } from './options';
import { createRandom, shuffle } from './random';
import type { TrainHooks } from './types';

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  /** `budget`: the deadline passed (best weights so far kept). */
  stopReason: 'early-stop' | 'max-epochs' | 'nan-loss' | 'budget';
  bestValLoss: number;
  /**
   * Which trainer ran, e.g. `kernel (wasm SIMD)` or `tfjs wasm`, with the fallback reason if any, or
   * why it was measured faster (`kernel (wasm SIMD; faster than tfjs webgl here: 12 vs 340 ms a batch)`).
   */
  trainer: string;
  /** Why the kernel did not run when it was wanted (absent when it ran, or tfjs was asked for). */
  fallbackReason?: string;
}

export type { FitOptions } from './fit-runners';

function cancelled(): EngineError {
  return new EngineError('CANCELLED', 'training was cancelled');
}

/** Kernel work between two yields to the event loop: cancel acts well within 0.5 s. */
const YIELD_MS = 100;

export async function fitLoop(
  model: tf.LayersModel,
  shape: NetworkShape,
  train: WindowArrays,
  val: WindowArrays,
  opt: FitOptions,
  hooks: TrainHooks,
): Promise<FitResult> {
  const { window: w, features: f, horizon: h } = shape;
  const rand = createRandom((opt.seed ^ 0x5eed5eed) >>> 0);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const bs = Math.min(opt.batchSize ?? defaultBatchSize(train.count), train.count);
  const xb = new Float32Array(bs * w * f);
  const yb = new Float32Array(bs * h);
  // The trainer probe's batch (auto on WebGL): the first windows, copied so the seeded order is untouched.
  const first = { x: train.x.slice(0, bs * w * f), y: train.y.slice(0, bs * h), n: bs, signal: hooks.signal };
  const { runner, fallbackReason } = await chooseRunner(model, shape, val, opt, bs, first);
  const trainerName = (): string => (fallbackReason ? `${runner.name} (kernel unavailable: ${fallbackReason})` : runner.name);
  let best: (() => void) | null = null;
  let bestVal = Infinity;
  let bestEpoch = 0;
  let stopReason: FitResult['stopReason'] = 'max-epochs';
  let epoch = 0;
  const started = Date.now();
  const overBudget = (): boolean => opt.deadline !== undefined && Date.now() > opt.deadline;
  let lastYield = started;
  try {
    for (epoch = 1; epoch <= opt.epochs; epoch++) {
      shuffle(order, rand);
      let sum = 0;
      for (let start = 0; start < train.count; start += bs) {
        if (hooks.signal?.aborted) throw cancelled();
        if (best && overBudget()) break;
        const n = Math.min(bs, train.count - start);
        for (let i = 0; i < n; i++) {
          const k = order[start + i];
          xb.set(train.x.subarray(k * w * f, (k + 1) * w * f), i * w * f);
          yb.set(train.y.subarray(k * h, (k + 1) * h), i * h);
        }
        sum += (await runner.trainBatch(xb, yb, n)) * n;
        if (Date.now() - lastYield > YIELD_MS) {
          await yieldToEvents();
          lastYield = Date.now();
        }
      }
      if (best && overBudget()) {
        stopReason = 'budget';
        break;
      }
      if (hooks.signal?.aborted) throw cancelled();
      const loss = sum / train.count;
      const valLoss = runner.valLoss();
      // Why: a diverging run must not overwrite good weights with NaN; keep the last good ones.
      if (!Number.isFinite(loss) || !Number.isFinite(valLoss)) {
        stopReason = 'nan-loss';
        break;
      }
      if (valLoss < bestVal - 1e-7) {
        bestVal = valLoss;
        bestEpoch = epoch;
        best = runner.snapshot();
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
      if (overBudget()) {
        stopReason = 'budget';
        break;
      }
      await yieldToEvents();
      lastYield = Date.now();
    }
    if (!best) {
      throw new EngineError('NAN_LOSS', 'the training loss became NaN or infinite before any usable epoch', 'try a smaller learning rate, or check the data for extreme values');
    }
    best();
    return { epochsRun: Math.min(epoch, opt.epochs), bestEpoch, stopReason, bestValLoss: bestVal, trainer: trainerName(), ...(fallbackReason ? { fallbackReason } : {}) };
  } finally {
    runner.dispose();
  }
}
