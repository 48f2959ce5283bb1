// The Node worker helpers (main/cli/kernel-pool.ts): a kernel step split across this thread and a
// worker thread sums to the single-thread gradients, and useKernelPool (called by the CLI's
// startBackend) registers it for fit.ts.
import { availableParallelism } from 'node:os';

import { afterEach, describe, expect, it } from 'vitest';

import { startBackend } from '../../../main/cli/engine-cli';

import { defaultThreads, startKernelWorkers, useKernelPool } from '../../../main/cli/kernel-pool';
import { initKernel, kernelMemoryBytes, ParallelTrainer, setGradientHelpers, WasmLstmTrainer, type KernelShape, type SplitChoice } from '../../../shared/kernel';
import { expectClose, randomBatch, randomWeights } from '../../shared/kernel/helpers';

const SHAPE: KernelShape = { window: 16, features: 2, units: 12, horizon: 3, highway: false };
const OPTIONS = { maxBatch: 8, learningRate: 0.01, loss: 'mse' as const };

/** The summed gradients of one step on one batch. */
async function gradientsOf(threads: number, choice: SplitChoice = 'threads'): Promise<Float32Array> {
  await initKernel();
  const main = new WasmLstmTrainer(SHAPE, OPTIONS);
  const helpers = threads > 1 ? await startKernelWorkers(threads - 1, SHAPE, { ...OPTIONS, maxBatch: 4 }, main.paramView().length) : [];
  const parallel = new ParallelTrainer(main, helpers, SHAPE, choice);
  try {
    main.setWeights(randomWeights(SHAPE, 5));
    const { x, y } = randomBatch(SHAPE, 8, 3);
    await parallel.trainBatch(x, y, 8);
    return main.gradientView().slice();
  } finally {
    parallel.dispose();
    main.dispose();
  }
}

describe('kernel worker pool', () => {
  afterEach(() => setGradientHelpers(null));

  it('a step split with a worker thread equals the single-thread step', async () => {
    expectClose(await gradientsOf(2), await gradientsOf(1), 1e-5, 'gradients');
    expect(kernelMemoryBytes()).toBe(0);
  });

  it('the worker computes its part to the same bits as this thread (so the measured choice cannot change a run)', async () => {
    expect(await gradientsOf(2, 'threads')).toEqual(await gradientsOf(2, 'here'));
  });

  it('registers with fit.ts through useKernelPool', async () => {
    useKernelPool({ threads: 2, minWork: 0 });
    const { gradientHelpers } = await import('../../../shared/kernel');
    expect(gradientHelpers()?.count).toBe(1);
    expect(gradientHelpers()?.choice).toBe('auto');
    useKernelPool({ threads: 1 });
    expect(gradientHelpers()).toBeNull();
  });

  it("is registered by the CLI's startBackend: --threads, by default this machine's cores up to 4", async () => {
    const { gradientHelpers } = await import('../../../shared/kernel');
    expect(defaultThreads()).toBe(Math.min(4, availableParallelism()));
    await startBackend(3);
    expect(gradientHelpers()?.count).toBe(2);
    await startBackend();
    expect((gradientHelpers()?.count ?? 0) + 1).toBe(defaultThreads());
    await startBackend(1);
    expect(gradientHelpers()).toBeNull();
  });
});
