// Training kernel, data parallel: one Adam step on a batch split across this thread and helper
// threads, each computing the loss and gradients of its part on its own kernel instance. The
// parts' gradients are summed here in a fixed order (this thread's part, then helper 1, 2, ...),
// weighted by their window counts, so a seed gives the same run for a given helper count, whether
// the parts ran on the helpers or (measured faster, e.g. on a busy machine) one after another here.
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
  /** Where the parts run; default `auto` (by measured speed). */
  choice?: SplitChoice;
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

/** Where a split step's parts run: `auto` measures both ways (see WayChooser) and keeps the faster. */
export type SplitChoice = 'auto' | 'threads' | 'here';

/** Batches per measuring round: the first WARM (alternating) warm up, the next TIMED (alternating) are timed. */
const WARM = 4;
const TIMED = 8;
/** Batches between two measuring rounds (the machine's load changes). */
const REPROBE = 200;
/** Threads are kept only when their median time per window is under this fraction of one thread's: a tie stays on one thread, which leaves the other core to the rest of the machine. */
const MARGIN = 0.9;
/** Batches in a row slower than DRIFT times the way's measured median start a new round early. */
const DRIFT = 1.5;
const DRIFT_RUN = 3;
/** Batches of one steady cycle of `auto` (a measuring round, then REPROBE on the kept way): what a long fit repeats. */
export const AUTO_CYCLE = WARM + TIMED + REPROBE;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Chooses, batch by batch, whether a split step runs on the helper threads or here. A round times
 * both ways alternately (so the machine's load drifts on both alike), per window, and keeps the
 * faster by a margin; a new round starts every REPROBE batches, or early when the kept way turns
 * DRIFT times slower than measured (another program took the cores). Pure: the caller times.
 */
export class WayChooser {
  private inRound = 0;
  private sinceRound = 0;
  private slowRun = 0;
  private keptMs = Infinity;
  private readonly timed: { threads: number[]; here: number[] } = { threads: [], here: [] };
  /** The way kept after the last round (threads at first). */
  onThreads = true;

  /** The way the next batch runs. */
  next(): boolean {
    if (this.inRound < WARM + TIMED) return this.inRound % 2 === 0;
    return this.onThreads;
  }

  /** The batch just run `threads` or not took `msPerWindow`. */
  record(threads: boolean, msPerWindow: number): void {
    if (this.inRound < WARM + TIMED) {
      if (this.inRound >= WARM) this.timed[threads ? 'threads' : 'here'].push(msPerWindow);
      if (++this.inRound === WARM + TIMED) this.decide();
      return;
    }
    this.sinceRound++;
    this.slowRun = msPerWindow > DRIFT * this.keptMs ? this.slowRun + 1 : 0;
    if (this.sinceRound >= REPROBE || this.slowRun >= DRIFT_RUN) this.restart();
  }

  private decide(): void {
    const threads = median(this.timed.threads);
    const here = median(this.timed.here);
    this.onThreads = threads < MARGIN * here;
    this.keptMs = this.onThreads ? threads : here;
  }

  private restart(): void {
    this.inRound = this.sinceRound = this.slowRun = 0;
    this.timed.threads = [];
    this.timed.here = [];
  }
}

const clock = (): number => (globalThis as unknown as { performance?: { now(): number } }).performance?.now() ?? Date.now();

/**
 * Trains on `main` (which holds the weights and Adam's moments) with a batch cut in parts, one
 * per thread (this one and each helper). The parts run on the helpers' threads, or one after
 * another on this thread with the same arithmetic (`here`), so both give the same bits and the
 * choice between them, made by measured speed, does not change a seeded run.
 */
export class ParallelTrainer {
  private readonly chooser = new WayChooser();

  constructor(
    private readonly main: WasmLstmTrainer,
    private readonly helpers: GradientHelper[],
    private readonly shape: KernelShape,
    private readonly choice: SplitChoice = 'auto',
  ) {}

  /** Threads the steps run on now (1 when `auto` measured this thread alone faster). */
  get threads(): number {
    const onThreads = this.choice === 'auto' ? this.chooser.onThreads : this.choice === 'threads';
    return onThreads ? this.helpers.length + 1 : 1;
  }

async trainBatch(x: Float32Array, y: Float32Array, n: number): Promise<number> {
    const parts = Math.min(this.helpers.length + 1, n);
    if (parts < 2) return this.main.trainBatch(x, y, n);
    const threads = this.choice === 'auto' ? this.chooser.next() : this.choice === 'threads';
    const t0 = clock();
    const xl = this.shape.window * this.shape.features;
    const h = this.shape.horizon;
    const size = Math.ceil(n / parts);
    const params = this.main.paramView();
    const counts: number[] = [];
    const losses: number[] = new Array<number>(parts - 1);
    const runs: Promise<void>[] = [];
    // Helper parts first: on this thread each leaves its gradients in its helper's buffer.
    for (let p = parts - 1; p >= 1; p--) {
      const from = p * size;
      const m = Math.min(size, n - from);
      const helper = this.helpers[p - 1];
      counts[p - 1] = m;
      if (threads) {
        helper.params.set(params);
        helper.x.set(x.subarray(from * xl, (from + m) * xl));
        helper.y.set(y.subarray(from * h, (from + m) * h));
        runs.push(helper.run(m).then((loss) => void (losses[p - 1] = loss)));
      } else {
        losses[p - 1] = this.main.batchGradients(x.subarray(from * xl, (from + m) * xl), y.subarray(from * h, (from + m) * h), m);
        helper.grads.set(this.main.gradientView());
      }
    }
    const own = Math.min(size, n);
    const ownLoss = this.main.batchGradients(x, y, own);
    await Promise.all(runs);
    if (this.choice === 'auto') this.chooser.record(threads, (clock() - t0) / n);
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
