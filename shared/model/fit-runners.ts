// Training stage, the batch runners of fit.ts: the wasm LSTM kernel (shared/kernel), on one
// thread or split across helper threads where the entry registered them, and tfjs's trainOnBatch
// (when asked, or when the kernel cannot run); chooseRunner picks one (on WebGL the faster of the
// two, measured: runner-probe.ts) and says why the kernel did not run. Called by fit.ts.
import * as tf from '@tensorflow/tfjs';

import { batchWork, gradientHelpers, initKernel, KernelUnavailableError, ParallelTrainer, WasmLstmTrainer, type GradientHelper, type KernelShape } from '../kernel';
import type { WindowArrays } from '../series/windows';

import { readNetworkWeights, setNetworkWeights, type NetworkShape } from './network';
import type { ResolvedOptions } from './options';
import { fasterRunner, type ProbeBatch, type ProbeCandidate } from './runner-probe';
import type { CancelSignal } from './types';

/** fitLoop's options: the engine's, plus an optional deadline (ms since the epoch, Date.now()). */
export type FitOptions = ResolvedOptions & { deadline?: number };

/** One way of running batches. */
export interface BatchRunner {
  readonly name: string;
  trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<number> | number;
  valLoss(): number;
  /** A copy of the current weights, as a function that writes them into the tfjs model. */
  snapshot(): () => void;
  dispose(): void;
}

const KERNEL_NAME = 'kernel (wasm SIMD)';
const kernelName = (threads: number): string => (threads > 1 ? `kernel (wasm SIMD, ${threads} threads)` : KERNEL_NAME);

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

/** What chooseRunner probes with in auto on WebGL: this fit's first batch, and its cancel. */
export interface RunnerProbe extends ProbeBatch {
  signal?: CancelSignal;
}

/**
 * A lower bound of tfjs's time a batch, in ms: a batch runs the recurrent matMul at least twice a
 * step (forward, and back through it). Timed as 9 matMuls less 1 (after one that compiles its
 * shader), so the read-back's latency drops out.
 */
export async function tfjsBatchFloor(shape: NetworkShape, batch: number, signal?: CancelSignal): Promise<number> {
  const h = tf.ones([batch, shape.units]);
  const r = tf.ones([shape.units, 4 * shape.units]);
  const run = async (k: number): Promise<number> => {
    const t0 = Date.now();
    const outs = Array.from({ length: k }, () => tf.matMul(h, r));
    // The last one read: the GPU runs them in order.
    await outs[k - 1].data();
    tf.dispose(outs);
    return Date.now() - t0;
  };
  try {
    await run(1);
    // Cancelled after the compile: no bound (the probe stops).
    if (signal?.aborted) return 0;
    const one = await run(1);
    return (Math.max(0, (await run(9)) - one) / 8) * 2 * shape.window;
  } finally {
    h.dispose();
    r.dispose();
  }
}

/** The runners the probe measures, kernel first (one that cannot run throws before tfjs is built). */
export function runnerCandidates(model: tf.LayersModel, shape: NetworkShape, val: WindowArrays, opt: FitOptions, batch: number): ProbeCandidate[] {
  return [
    { label: 'the wasm kernel', make: () => kernelRunner(model, shape, val, opt, batch) },
    { label: `tfjs ${tf.getBackend()}`, make: () => tfjsRunner(model, shape, val, opt), floor: (signal) => tfjsBatchFloor(shape, batch, signal) },
  ];
}

/**
 * The runner for opt.trainer and why the kernel was not used. Default auto: the kernel, except on
 * WebGL, where the kernel and tfjs are measured on the first batch and the faster trains.
 */
export async function chooseRunner(model: tf.LayersModel, shape: NetworkShape, val: WindowArrays, opt: FitOptions, batch: number, probe: RunnerProbe): Promise<{ runner: BatchRunner; fallbackReason?: string }> {
  // Read loosely: callers may pass options resolved before TrainOptions.trainer existed.
  const wanted = (opt as { trainer?: 'auto' | 'kernel' | 'tfjs' }).trainer ?? 'auto';
  if (wanted === 'tfjs') return { runner: tfjsRunner(model, shape, val, opt) };
  try {
    if (wanted === 'kernel' || tf.getBackend() !== 'webgl') return { runner: await kernelRunner(model, shape, val, opt, batch) };
    const start = readNetworkWeights(model);
    const restore = (): void => setNetworkWeights(model, shape, start);
    return { runner: (await fasterRunner(runnerCandidates(model, shape, val, opt, batch), probe, { restore, signal: probe.signal })).runner };
  } catch (err) {
    // Why: a kernel that cannot run (no SIMD, odd shape, no memory) must not stop training.
    if (!(err instanceof KernelUnavailableError)) throw err;
    return { runner: tfjsRunner(model, shape, val, opt), fallbackReason: err.message };
  }
}
