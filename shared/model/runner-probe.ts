// Training stage, the trainer chosen by measured speed (issue 9): on this fit's own first batch and
// from the same starting weights, each candidate runner runs one warm-up batch and up to two timed
// ones (about 2 s of probing in all; one whose cheap lower bound already loses is not run); each is
// disposed, the starting weights go back, and the faster per batch is built again fresh (new Adam
// state), so the probe changes nothing that is trained. Its name says the choice and why. Called
// by fit-runners.ts (chooseRunner: trainer auto on WebGL) and its tests.
import { EngineError } from './errors';
import { yieldToEvents } from './events';
import type { BatchRunner } from './fit-runners';
import type { CancelSignal } from './types';

/** One runner the probe may choose. */
export interface ProbeCandidate {
  /** How the other's reason names it, e.g. `tfjs webgl`. */
  label: string;
  /** Builds the runner from the weights now in the model (called once to probe, once more if it wins). */
  make(): Promise<BatchRunner> | BatchRunner;
  /**
   * A cheap lower bound of its time a batch, in ms. Where it is already slower than a candidate
   * measured before it, this one is not built (a WebGL warm-up that compiles its shaders in software
   * takes seconds), and the bound stands as its time. It may stop early on the signal (the probe
   * then throws CANCELLED). Default: none, always measured.
   */
  floor?(signal?: CancelSignal): Promise<number> | number;
}

/** The batch both candidates train on: the first n windows of x and y. */
export interface ProbeBatch {
  x: Float32Array;
  y: Float32Array;
  n: number;
}

export interface ProbeOptions {
  /** Puts the starting weights back into the model (before each candidate and after the probe). */
  restore(): void;
  /** Cancel: checked before and after every probe batch. */
  signal?: CancelSignal;
  /** The clock, in ms. Default Date.now. */
  now?: () => number;
  /** Probing time in all, in ms (each candidate may overrun it by one batch). Default 2000. */
  budgetMs?: number;
}

export interface ProbeResult {
  /** The winner, built fresh from the starting weights; its name states the choice and why. */
  runner: BatchRunner;
  /** Index of the winner in the candidates. */
  winner: number;
  /** Each candidate's measured time a batch, in ms (its floor where it was not built). */
  msPerBatch: number[];
  /** Whether each candidate was built and timed (false: its floor already lost). */
  timed: boolean[];
}

const TIMED_BATCHES = 2;

function cancelled(): EngineError {
  return new EngineError('CANCELLED', 'training was cancelled');
}

/** Two significant digits below 1 ms (a small model's kernel batch takes tens of µs), one decimal below 10. */
const ms = (v: number): string => (v > 0 && v < 1 ? v.toPrecision(2) : v < 10 ? v.toFixed(1) : String(Math.round(v)));

/** The runner under a name that adds why it was chosen: `kernel (wasm SIMD; why)`, `tfjs webgl (why)`. */
export function withReason(runner: BatchRunner, why: string): BatchRunner {
  const named = (name: string): string => (name.endsWith(')') ? `${name.slice(0, -1)}; ${why})` : `${name} (${why})`);
  return {
    // A getter: the kernel's name (its thread count) is read after training.
    get name() {
      return named(runner.name);
    },
    trainBatch: (x, y, n) => runner.trainBatch(x, y, n),
    valLoss: () => runner.valLoss(),
    snapshot: () => runner.snapshot(),
    dispose: () => runner.dispose(),
  };
}

/** One candidate's time a batch: the best of its timed batches (one at least, two where its share of the budget allows). */
async function timeRunner(runner: BatchRunner, batch: ProbeBatch, deadline: number, now: () => number, signal?: CancelSignal): Promise<number> {
  const times: number[] = [];
  let last = Infinity;
  for (let i = 0; i <= TIMED_BATCHES; i++) {
    // At least one timed batch after the warm-up: the warm-up (a WebGL shader compile) says little.
    if (i > 1 && now() + last > deadline) break;
    if (signal?.aborted) throw cancelled();
    const t0 = now();
    await runner.trainBatch(batch.x, batch.y, batch.n);
    last = now() - t0;
    if (i > 0) times.push(last);
    await yieldToEvents();
    if (signal?.aborted) throw cancelled();
  }
  return Math.min(...times);
}

/** Measures the candidates in turn on one batch and builds the faster one fresh (see the header). */
export async function fasterRunner(candidates: readonly ProbeCandidate[], batch: ProbeBatch, options: ProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const budget = options.budgetMs ?? 2000;
  const started = now();
  const msPerBatch: number[] = [];
  const timed: boolean[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (options.signal?.aborted) throw cancelled();
    const floor = (await candidates[i].floor?.(options.signal)) ?? 0;
    if (options.signal?.aborted) throw cancelled();
    timed.push(!(floor > Math.min(...msPerBatch)));
    if (!timed[i]) {
      msPerBatch.push(floor);
      continue;
    }
    options.restore();
    const runner = await candidates[i].make();
    try {
      // Each gets its share of the budget, and what the ones before it left.
      msPerBatch.push(await timeRunner(runner, batch, started + (budget * (i + 1)) / candidates.length, now, options.signal));
    } finally {
      runner.dispose();
      options.restore();
    }
  }
  const winner = msPerBatch.indexOf(Math.min(...msPerBatch));
  const others = candidates.map((c, i) => `${c.label} here: ${ms(msPerBatch[winner])} vs ${timed[i] ? '' : 'at least '}${ms(msPerBatch[i])}`).filter((_, i) => i !== winner);
  const runner = await candidates[winner].make();
  return { runner: withReason(runner, `faster than ${others.join(', ')} ms a batch`), winner, msPerBatch, timed };
}
