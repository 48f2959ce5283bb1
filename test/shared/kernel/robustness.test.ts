// The kernel under bad input and repeated use: NaN in a batch changes nothing, training is
// deterministic, wasm memory returns to its baseline after dispose, bad shapes fail typed.
import { describe, expect, it } from 'vitest';

import { createLstmTrainer, kernelMemoryBytes, KernelUnavailableError, type KernelShape } from '../../../shared/kernel';

import { randomBatch, randomWeights, WEIGHT_NAMES } from './helpers';

const SHAPE: KernelShape = { window: 16, features: 2, units: 10, horizon: 4, highway: true };
const OPTIONS = { maxBatch: 8, learningRate: 0.01, loss: 'mae' as const };

function trainRun(steps: number): Float32Array[] {
  const trainer = createLstmTrainer(SHAPE, OPTIONS);
  try {
    trainer.setWeights(randomWeights(SHAPE, 3));
    for (let s = 0; s < steps; s++) {
      const { x, y } = randomBatch(SHAPE, 8, s);
      trainer.trainBatch(x, y, 8);
    }
    const w = trainer.getWeights();
    return WEIGHT_NAMES.map((n) => w[n]);
  } finally {
    trainer.dispose();
  }
}

describe('LSTM kernel robustness', () => {
  it('is deterministic for the same weights and batches', () => {
    expect(trainRun(4)).toEqual(trainRun(4));
  });

  it('skips a batch with NaN or Inf and keeps training after it', () => {
    const trainer = createLstmTrainer(SHAPE, OPTIONS);
    try {
      trainer.setWeights(randomWeights(SHAPE, 3));
      const before = trainer.getWeights();
      const { x, y } = randomBatch(SHAPE, 8, 1);
      x[5] = NaN;
      expect(trainer.trainBatch(x, y, 8)).toBeNaN();
      y[0] = Infinity;
      x[5] = 0;
      expect(Number.isFinite(trainer.trainBatch(x, y, 8))).toBe(false);
      expect(trainer.getWeights()).toEqual(before);
      const good = randomBatch(SHAPE, 8, 2);
      expect(Number.isFinite(trainer.trainBatch(good.x, good.y, 8))).toBe(true);
      for (const n of WEIGHT_NAMES) expect(trainer.getWeights()[n].every(Number.isFinite)).toBe(true);
    } finally {
      trainer.dispose();
    }
  });

  it('returns wasm memory to its baseline after repeated create/train/dispose', () => {
    const baseline = kernelMemoryBytes();
    for (let i = 0; i < 5; i++) {
      const trainer = createLstmTrainer(SHAPE, OPTIONS);
      expect(kernelMemoryBytes()).toBeGreaterThan(baseline);
      const { x, y } = randomBatch(SHAPE, 8, i);
      trainer.trainBatch(x, y, 8);
      trainer.dispose();
      expect(kernelMemoryBytes()).toBe(baseline);
    }
    expect(() => createLstmTrainer(SHAPE, OPTIONS).dispose()).not.toThrow();
    expect(kernelMemoryBytes()).toBe(baseline);
  });

  it('refuses unsupported shapes with a typed error and no memory held', () => {
    const baseline = kernelMemoryBytes();
    expect(() => createLstmTrainer({ ...SHAPE, units: 0 }, OPTIONS)).toThrow(KernelUnavailableError);
    expect(() => createLstmTrainer({ ...SHAPE, window: 4096, units: 4096 }, { ...OPTIONS, maxBatch: 4096 })).toThrow(KernelUnavailableError);
    expect(kernelMemoryBytes()).toBe(baseline);
  });

  it('rejects batches larger than maxBatch and use after dispose', () => {
    const trainer = createLstmTrainer(SHAPE, OPTIONS);
    const { x, y } = randomBatch(SHAPE, 9, 1);
    expect(() => trainer.trainBatch(x, y, 9)).toThrow(/1\.\.8/);
    trainer.dispose();
    expect(() => trainer.trainBatch(x, y, 8)).toThrow(/disposed/);
  });
});
