// The data-parallel step (shared/kernel/parallel.ts): a batch split across helpers gives the
// single-thread step's gradients and loss (summed in another order: to 1e-5) and the
// same run twice for a seed, with the parts on the helpers or one after another here (the
// measured choice between the two cannot change a run); a NaN part skips the step as the single thread does. The helpers
// here run in this thread (the Node worker helpers are tested in test/main/cli/kernel-pool.test.ts).
import { describe, expect, it } from 'vitest';

import { ParallelTrainer, WasmLstmTrainer, WayChooser, type GradientHelper, type KernelShape, type SplitChoice } from '../../../shared/kernel';

import { expectClose, randomBatch, randomWeights, WEIGHT_NAMES } from './helpers';

const SHAPE: KernelShape = { window: 12, features: 3, units: 9, horizon: 4, highway: false };
const OPTIONS = { maxBatch: 10, learningRate: 0.01, loss: 'mae' as const };

/** A helper on its own kernel instance, in this thread. */
function localHelper(): GradientHelper {
  const k = new WasmLstmTrainer(SHAPE, OPTIONS);
  const np = k.paramView().length;
  const helper: GradientHelper = {
    params: new Float32Array(np),
    x: new Float32Array(OPTIONS.maxBatch * SHAPE.window * SHAPE.features),
    y: new Float32Array(OPTIONS.maxBatch * SHAPE.horizon),
    grads: new Float32Array(np),
    run(n) {
      k.paramView().set(helper.params);
      const loss = k.batchGradients(helper.x, helper.y, n);
      helper.grads.set(k.gradientView());
      return Promise.resolve(loss);
    },
    dispose: () => k.dispose(),
  };
  return helper;
}

/** A trainer with `helpers` local helpers on the seeded weights; the caller disposes both. */
function setUp(helpers: number, choice: SplitChoice = 'threads'): { main: WasmLstmTrainer; parallel: ParallelTrainer } {
  const main = new WasmLstmTrainer(SHAPE, OPTIONS);
  main.setWeights(randomWeights(SHAPE, 2));
  return { main, parallel: new ParallelTrainer(main, Array.from({ length: helpers }, localHelper), SHAPE, choice) };
}

async function run(helpers: number, steps: number, choice: SplitChoice = 'threads'): Promise<{ weights: Float32Array[]; losses: number[] }> {
  const { main, parallel } = setUp(helpers, choice);
  try {
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) {
      const { x, y } = randomBatch(SHAPE, 10, s);
      losses.push(await parallel.trainBatch(x, y, 10));
    }
    const w = main.getWeights();
    return { weights: WEIGHT_NAMES.map((n) => w[n]), losses };
  } finally {
    parallel.dispose();
    main.dispose();
  }
}

describe('data-parallel kernel step', () => {
  it('sums the parts to the single-thread gradients and loss, with 1 and 2 helpers', async () => {
    const { x, y } = randomBatch(SHAPE, 10, 9);
    const single = new WasmLstmTrainer(SHAPE, OPTIONS);
    single.setWeights(randomWeights(SHAPE, 2));
    const loss = single.batchGradients(x, y, 10);
    const expected = single.gradientView().slice();
    single.dispose();
    for (const helpers of [1, 2]) {
      const { main, parallel } = setUp(helpers);
      try {
        expect(Math.abs((await parallel.trainBatch(x, y, 10)) - loss)).toBeLessThan(1e-6 * loss);
        // Adam reads the summed gradients in place and leaves them there.
        expectClose(main.gradientView(), expected, 1e-5, `gradients with ${helpers} helper(s)`);
      } finally {
        parallel.dispose();
        main.dispose();
      }
    }
  });

  it('is deterministic for a helper count', async () => {
    expect(await run(1, 3)).toEqual(await run(1, 3));
  });

  it('gives the same bits with the parts on the helpers, one after another here, or chosen by measured speed', async () => {
    // 16 steps: auto measures both ways over its first 12, then keeps one.
    const onHelpers = await run(2, 16, 'threads');
    expect(await run(2, 16, 'here')).toEqual(onHelpers);
    expect(await run(2, 16, 'auto')).toEqual(onHelpers);
  });

  it('skips the step when a helper part has NaN, as one thread does', async () => {
    const { main, parallel } = setUp(1);
    try {
      const { x, y } = randomBatch(SHAPE, 10, 1);
      await parallel.trainBatch(x, y, 10);
      const before = main.getWeights();
      x[x.length - 1] = NaN;
      expect(Number.isNaN(await parallel.trainBatch(x, y, 10))).toBe(true);
      expect(main.getWeights()).toEqual(before);
    } finally {
      parallel.dispose();
      main.dispose();
    }
  });
});

describe('WayChooser: helper threads or this thread, by measured time per window', () => {
  /** Runs `batches` batches timed by `ms(threads, batch)`; returns the ways they ran. */
  function drive(chooser: WayChooser, batches: number, ms: (threads: boolean, batch: number) => number): boolean[] {
    const ways: boolean[] = [];
    for (let b = 0; b < batches; b++) {
      const threads = chooser.next();
      ways.push(threads);
      chooser.record(threads, ms(threads, b));
    }
    return ways;
  }

  it('times both ways alternately for 12 batches, then keeps the faster', () => {
    const fast = new WayChooser();
    const ways = drive(fast, 20, (t) => (t ? 0.5 : 1));
    expect(ways.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i % 2 === 0));
    expect(ways.slice(12)).toEqual(new Array(8).fill(true));
    const slow = new WayChooser();
    expect(drive(slow, 20, (t) => (t ? 1.3 : 1)).slice(12)).toEqual(new Array(8).fill(false));
    expect(slow.onThreads).toBe(false);
  });

  it('stays on this thread when the threads are not clearly faster, and is not swayed by one outlier', () => {
    // Threads 5 % faster: under the 10 % margin.
    expect(drive(new WayChooser(), 14, (t) => (t ? 0.95 : 1)).slice(12)).toEqual([false, false]);
    // One timed "here" batch hit by a pause: the median ignores it.
    expect(drive(new WayChooser(), 14, (t, b) => (t ? 0.6 : b === 5 ? 50 : 1)).slice(12)).toEqual([true, true]);
    expect(drive(new WayChooser(), 14, (t, b) => (t ? (b === 4 ? 50 : 0.6) : 1)).slice(12)).toEqual([true, true]);
  });

  it('measures again early when the kept way turns slow (the machine got busy), and every 200 batches', () => {
    const chooser = new WayChooser();
    // Threads fast until batch 30, then 3x slower than one thread.
    const ways = drive(chooser, 60, (t, b) => (t ? (b < 30 ? 0.5 : 3) : 1));
    expect(ways.slice(12, 30).every(Boolean)).toBe(true);
    // Three slow batches in a row (30-32), then a new round from batch 33 that picks this thread.
    expect(ways.slice(33, 45)).toEqual(Array.from({ length: 12 }, (_, i) => i % 2 === 0));
    expect(ways.slice(45)).toEqual(new Array(15).fill(false));
    const steady = new WayChooser();
    const all = drive(steady, 230, (t) => (t ? 0.5 : 1));
    expect(all.slice(12, 212).every(Boolean)).toBe(true);
    expect(all.slice(212, 224)).toEqual(Array.from({ length: 12 }, (_, i) => i % 2 === 0));
  });
});
