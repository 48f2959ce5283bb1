// Training stage, inner loop: seeded batch order, Adam, early stopping on validation loss,
// a NaN/Inf guard that keeps the last good weights, a time budget, progress events and
// cancellation. The batches run on the wasm LSTM kernel (shared/kernel) by default, on tfjs's
// trainOnBatch when the kernel cannot run, on WebGL (a real GPU may be faster for big models) or
// when asked; FitResult.trainer says which. Big batches are split across helper threads where the
// entry registered them (shared/kernel/parallel.ts; main/cli/kernel-pool.ts on Node), on the
// threads or one part after another here, whichever the first batches measure faster (the same
// arithmetic either way, so a seed gives the same model). Called by train.ts.
import * as tf from '@tensorflow/tfjs';

import { batchWork, gradientHelpers, initKernel, KernelUnavailableError, ParallelTrainer, WasmLstmTrainer, type GradientHelper, type KernelShape } from '../kernel';
import type { WindowArrays } from '../series/windows';

import { EngineError } from './errors';
import { readNetworkWeights, setNetworkWeights, type NetworkShape } from './network';
import { defaultBatchSize, type ResolvedOptions } from './options';
import { createRandom, shuffle } from './random';
import type { TrainHooks } from './types';

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  /** `budget`: the deadline passed (best weights so far kept). */
  stopReason: 'early-stop' | 'max-epochs' | 'nan-loss' | 'budget';
  bestValLoss: number;
  /** Which trainer ran, e.g. `kernel (wasm SIMD)` or `tfjs wasm`, with the fallback reason if any. */
  trainer: string;
  /** Why the kernel did not run when it was wanted (absent when it ran, or tfjs was asked for). */
  fallbackReason?: string;
}

/** fitLoop's options: the engine's, plus an optional deadline (ms since the epoch, Date.now()). */
export type FitOptions = ResolvedOptions & { deadline?: number };

/** One way of running batches. */
interface BatchRunner {
  readonly name: string;
  trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<number> | number;
  valLoss(): number;
  /** A copy of the current weights, as a function that writes them into the tfjs model. */
  snapshot(): () => void;
  dispose(): void;
}

const KERNEL_NAME = 'kernel (wasm SIMD)';
const kernelName = (threads: number): string => (threads > 1 ? `kernel (wasm SIMD, ${threads} threads)` : KERNEL_NAME);

function cancelled(): EngineError {
  return new EngineError('CANCELLED', 'training was cancelled');
}

/** Lets pending events (progress, cancel clicks) run between batches. */
const yieldToEvents = (): Promise<void> =>
  // Reached through globalThis: shared/ compiles without DOM or Node types.
  new Promise((resolve) => (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(resolve, 0));

/** Kernel work between two yields to the event loop: cancel acts well within 0.5 s. */
const YIELD_MS = 100;

function meanLoss(pred: Float32Array, y: Float32Array, count: number, mse: boolean): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const d = pred[i] - y[i];
    sum += mse ? d * d : Math.abs(d);
  }
  return sum / count;
}

/** The kernel's shape for this model, or why the kernel cannot train it. */
function kernelShape(model: tf.LayersModel, shape: NetworkShape): KernelShape | string {
  if (model.weights.length !== 5 || model.trainableWeights.length !== 5) return `the network has ${model.weights.length} weights (the kernel trains LSTM + dense head: 5)`;
  const head = model.weights[3].shape;
  const rows = head[0] ?? 0;
  const highway = rows === shape.units + shape.window * shape.features;
  if (!highway && rows !== shape.units) return `a head of ${rows} rows is not LSTM (+ window) -> dense`;
  return { ...shape, highway };
}

/** Helper threads for this shape and batch, when registered and worth it; none when they do not start. */
async function startHelpers(ks: KernelShape, batch: number, opt: FitOptions, paramCount: number): Promise<GradientHelper[]> {
  const setup = gradientHelpers();
  if (!setup || setup.count < 1 || batchWork(ks, batch) < setup.minWork) return [];
  const part = Math.ceil(batch / (setup.count + 1));
  try {
    return await setup.factory(setup.count, ks, { maxBatch: part, learningRate: opt.learningRate, loss: opt.loss }, paramCount);
  } catch {
    // Why: threads that do not start must not stop training; this thread trains alone.
    return [];
  }
}

async function kernelRunner(model: tf.LayersModel, shape: NetworkShape, val: WindowArrays, opt: FitOptions, batch: number): Promise<BatchRunner> {
  const ks = kernelShape(model, shape);
  if (typeof ks === 'string') throw new KernelUnavailableError('UNSUPPORTED_SHAPE', ks);
  await initKernel();
  const mse = opt.loss === 'mse';
  const trainer = new WasmLstmTrainer(ks, { maxBatch: batch, learningRate: opt.learningRate, loss: opt.loss });
  let parallel: ParallelTrainer | null = null;
  try {
    trainer.setWeights(readNetworkWeights(model));
    const helpers = await startHelpers(ks, batch, opt, trainer.paramView().length);
    if (helpers.length > 0) parallel = new ParallelTrainer(trainer, helpers, ks, gradientHelpers()?.choice);
  } catch (err) {
    trainer.dispose();
    throw err;
  }
  const pred = new Float32Array(val.count * shape.horizon);
  return {
    // Read after training: with helpers, the thread count is chosen by measured speed as it runs.
    get name() {
      return kernelName(parallel?.threads ?? 1);
    },
    trainBatch: (x, y, n) => (parallel ? parallel.trainBatch(x, y, n) : trainer.trainBatch(x, y, n)),
    valLoss() {
      trainer.predict(val.x, val.count, pred);
      return meanLoss(pred, val.y, val.count * shape.horizon, mse);
    },
    snapshot() {
      const w = trainer.getWeights();
      return () => setNetworkWeights(model, shape, w);
    },
    dispose() {
      parallel?.dispose();
      trainer.dispose();
    },
  };
}

function tfjsRunner(model: tf.LayersModel, shape: NetworkShape, val: WindowArrays, opt: FitOptions): BatchRunner {
  const { window: w, features: f, horizon: h } = shape;
  const optimizer = tf.train.adam(opt.learningRate);
  model.compile({ optimizer, loss: opt.loss === 'mse' ? 'meanSquaredError' : 'meanAbsoluteError' });
  const valX = tf.tensor3d(val.x, [val.count, w, f]);
  const valY = tf.tensor2d(val.y, [val.count, h]);
  return {
    name: `tfjs ${tf.getBackend()}`,
    async trainBatch(x, y, n) {
      const xs = tf.tensor3d(x.subarray(0, n * w * f), [n, w, f]);
      const ys = tf.tensor2d(y.subarray(0, n * h), [n, h]);
      try {
        return (await model.trainOnBatch(xs, ys)) as number;
      } finally {
        xs.dispose();
        ys.dispose();
      }
    },
    valLoss: () =>
      tf.tidy(() => {
        const pred = model.predict(valX) as tf.Tensor;
        return (opt.loss === 'mse' ? tf.losses.meanSquaredError(valY, pred) : tf.losses.absoluteDifference(valY, pred)).dataSync()[0];
      }),
    snapshot() {
      const saved = model.getWeights().map((t) => ({ values: t.dataSync().slice(), shape: t.shape }));
      return () => {
        const tensors = saved.map((s) => tf.tensor(s.values, s.shape));
        model.setWeights(tensors);
        tf.dispose(tensors);
      };
    },
    dispose() {
      valX.dispose();
      valY.dispose();
      optimizer.dispose();
    },
  };
}

/** The runner for opt.trainer (default auto: the kernel, except on WebGL) and why the kernel was not used. */
async function chooseRunner(model: tf.LayersModel, shape: NetworkShape, val: WindowArrays, opt: FitOptions, batch: number): Promise<{ runner: BatchRunner; fallbackReason?: string }> {
  // Read loosely: callers may pass options resolved before TrainOptions.trainer existed.
  const wanted = (opt as { trainer?: 'auto' | 'kernel' | 'tfjs' }).trainer ?? 'auto';
  if (wanted === 'tfjs' || (wanted === 'auto' && tf.getBackend() === 'webgl')) return { runner: tfjsRunner(model, shape, val, opt) };
  try {
    return { runner: await kernelRunner(model, shape, val, opt, batch) };
  } catch (err) {
    // Why: a kernel that cannot run (no SIMD, odd shape, no memory) must not stop training.
    if (!(err instanceof KernelUnavailableError)) throw err;
    return { runner: tfjsRunner(model, shape, val, opt), fallbackReason: err.message };
  }
}

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
  const { runner, fallbackReason } = await chooseRunner(model, shape, val, opt, bs);
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
