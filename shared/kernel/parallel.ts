// Training kernel, data parallel: one Adam step on a batch split across this thread and helper
// threads, each computing the loss and gradients of its part on its own kernel instance. The
// parts' gradients are summed here in a fixed order (this thread's part, then helper 1, 2, ...),
// weighted by their window counts, so a seed gives the same run for a given helper count.
// The helpers come from whoever can start threads (main/cli/kernel-pool.ts on Node) through
// setGradientHelpers(); shared/ starts none itself. Called by shared/model/fit.ts.
import type { KernelOptions, KernelShape } from './index';
import type { WasmLstmTrainer } from './trainer';

/** A thread that computes one part's loss and gradients; its buffers are shared with this thread. */
export interface GradientHelper {
  /** Parameters to use (packed as the kernel's paramView()); written before each run. */
  readonly params: Float32Array;
  /** The part's windows (maxBatch * T * F) and targets (maxBatch * H). */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** The part's gradients after run() (packed as params). */
  readonly grads: Float32Array;
  /** Loss and gradients of the first n windows of x, y on params; resolves with the loss. */
  run(n: number): Promise<number>;
  dispose(): void;
}

/** Starts `count` helpers for these shapes (maxBatch: the most windows of one part). */
export type GradientHelperFactory = (count: number, shape: KernelShape, options: KernelOptions, paramCount: number) => Promise<GradientHelper[]>;

export interface HelperSetup {
  factory: GradientHelperFactory;
  /** Helper threads besides the caller's. */
  count: number;
  /** Least multiply-adds per batch (forward + backward) worth splitting; smaller batches run here alone. */
  minWork: number;
}

let setup: HelperSetup | null = null;

/** Registers (or with null, removes) the helper threads that fit.ts may use for big batches. */
export function setGradientHelpers(value: HelperSetup | null): void {
  setup = value;
}

export function gradientHelpers(): HelperSetup | null {
  return setup;
}

/** Multiply-adds of one training step on n windows (forward and backward, about 3x the forward). */
export function batchWork(shape: KernelShape, n: number): number {
  return 3 * n * shape.window * 4 * shape.units * (shape.features + shape.units);
}

/** Trains on `main` (which holds the weights and Adam's moments) with the helpers' help. */
export class ParallelTrainer {
  constructor(
    private readonly main: WasmLstmTrainer,
    private readonly helpers: GradientHelper[],
    private readonly shape: KernelShape,
  ) {}

  get threads(): number {
    return this.helpers.length + 1;
  }

  async trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<number> {
    const parts = Math.min(this.threads, n);
    if (parts < 2) return this.main.trainBatch(x, y, n);
    const xl = this.shape.window * this.shape.features;
    const h = this.shape.horizon;
    const size = Math.ceil(n / parts);
    const params = this.main.paramView();
    const runs: Promise<number>[] = [];
    const counts: number[] = [];
    for (let p = 1; p < parts; p++) {
      const from = p * size;
      const m = Math.min(size, n - from);
      const helper = this.helpers[p - 1];
      helper.params.set(params);
      helper.x.set(x.subarray(from * xl, (from + m) * xl));
      helper.y.set(y.subarray(from * h, (from + m) * h));
      counts.push(m);
      runs.push(helper.run(m));
    }
    const own = Math.min(size, n);
    const ownLoss = this.main.batchGradients(x, y, own);
    const losses = await Promise.all(runs);
    let loss = (ownLoss * own) / n;
    for (let p = 0; p < losses.length; p++) loss += (losses[p] * counts[p]) / n;
    // Why: a NaN/Inf batch must not poison the weights or Adam's moments; skip the step.
    if (!Number.isFinite(loss)) return loss;
    const g = this.main.gradientView();
    const w0 = own / n;
    for (let i = 0; i < g.length; i++) g[i] *= w0;
    for (let p = 0; p < losses.length; p++) {
      const hg = this.helpers[p].grads;
      const wp = counts[p] / n;
      for (let i = 0; i < g.length; i++) g[i] += wp * hg[i];
    }
    this.main.applyGradients();
    return loss;
  }

  dispose(): void {
    for (const helper of this.helpers) helper.dispose();
  }
}
