// Training runs (shared/model/train.ts): the time budget, progress and early stopping,
// cancellation (no tensors leaked), and bad input rejected with a clear EngineError.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { train, type TrainProgress } from '../../../shared/model';
import type { SeriesTable } from '../../../shared/table';

import { backendReady, synthetic } from './helpers';

describe('training runs', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  it('stops at the time budget with the best weights so far', async () => {
    const model = await train({ table: synthetic(600, 12, 14), target: 'y' }, { horizon: 6, epochs: 100000, patience: 100000, budgetMs: 1500, seed: 1 });
    try {
      expect(model.info.stopReason).toBe('budget');
      expect(model.info.epochsRun).toBeGreaterThan(0);
      expect(model.forecast(synthetic(600, 12, 14), { method: 'lstm' }).mean.every(Number.isFinite)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('reports progress each epoch and stops early on validation loss', async () => {
    const events: TrainProgress[] = [];
    const model = await train({ table: synthetic(120, 12, 5), target: 'y' }, { horizon: 3, epochs: 200, patience: 2, seed: 1 }, { onProgress: (p) => events.push(p) });
    try {
      expect(events.length).toBeGreaterThan(0);
      expect(events.map((e) => e.epoch)).toEqual(events.map((_, i) => i + 1));
      expect(events.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.valLoss) && e.etaSeconds >= 0 && e.epochs === 200)).toBe(true);
      expect(model.info.stopReason).toBe('early-stop');
      expect(model.info.epochsRun).toBeLessThan(200);
    } finally {
      model.dispose();
    }
  });

  it('cancels: rejects with CANCELLED and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const run = train({ table: synthetic(120, 12, 6), target: 'y' }, { horizon: 3, epochs: 50, patience: 50 }, { signal, onProgress: () => (signal.aborted = true) });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancels during the linear fit of a long series: rejects with CANCELLED and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const table = synthetic(60_000, 144, 15);
    const run = train({ table, target: 'y' }, { horizon: 720 }, { signal });
    // The linear phase of 60,000 rows and H = 720 takes seconds; the cancel lands inside it.
    setTimeout(() => (signal.aborted = true), 20);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('engine: bad input gets a clear error', () => {
  const short: SeriesTable = { time: null, intervalMs: null, channels: [{ name: 'y', values: Float64Array.from({ length: 20 }, (_, i) => i % 3) }] };
  const one: SeriesTable = { time: null, intervalMs: null, channels: [{ name: 'y', values: Float64Array.from([NaN, 4, NaN]) }] };
  const cases: [string, SeriesTable, string, object, string, RegExp][] = [
    ['fewer than 2 usable points', one, 'y', { horizon: 3 }, 'SERIES_TOO_SHORT', /1 usable value/],
    ['constant series', { ...short, channels: [{ name: 'y', values: new Float64Array(100).fill(5) }] }, 'y', { horizon: 3 }, 'CONSTANT_SERIES', /constant/],
    ['all-missing column', { ...short, channels: [{ name: 'y', values: new Float64Array(100).fill(NaN) }] }, 'y', { horizon: 3 }, 'ALL_MISSING', /no numeric values/],
    ['unknown column', short, 'nope', { horizon: 3 }, 'UNKNOWN_COLUMN', /no column named "nope"/],
    ['horizon 0', short, 'y', { horizon: 0 }, 'BAD_HORIZON', /horizon/],
    ['negative horizon', short, 'y', { horizon: -2 }, 'BAD_HORIZON', /horizon/],
    ['a season longer than the series', synthetic(200), 'y', { horizon: 3, period: 500 }, 'BAD_OPTION', /longer than the series/],
    ['a time budget of 0', synthetic(200), 'y', { horizon: 3, budgetMs: 0 }, 'BAD_OPTION', /budget/],
    ['a horizon beyond the longest', synthetic(200), 'y', { horizon: 100000 }, 'BAD_HORIZON', /at most/],
    ['a window that does not fit the data', synthetic(60), 'y', { horizon: 3, window: 50 }, 'BAD_OPTION', /do not fit/],
  ];
  it.each(cases)('%s', async (_name, table, target, options, code, message) => {
    const before = tf.memory().numTensors;
    const err = await train({ table, target }, options as { horizon: number }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EngineError', code });
    expect((err as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
