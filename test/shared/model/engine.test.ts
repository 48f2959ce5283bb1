// The engine end to end on small series: training, forecasts, streaming, determinism, progress,
// cancellation, the NaN guard, tensor leaks and bad input (shared/model/index.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadBundle, train, type ForecastResult, type TrainProgress } from '../../../shared/model';
import type { SeriesTable } from '../../../shared/table';

import { fitLoop } from '../../../shared/model/fit';
import { buildNetwork, initialWeights, readNetworkWeights, setNetworkWeights, type NetworkShape } from '../../../shared/model/network';
import { resolveOptions } from '../../../shared/model/options';
import { createRandom, normal } from '../../../shared/model/random';
import type { WindowArrays } from '../../../shared/series/windows';

import { backendReady, synthetic } from './helpers';

const FAST = { epochs: 4, seed: 3 };

function lastRows(table: SeriesTable, rows: number): number[][] {
  const n = table.channels[0].values.length;
  return Array.from({ length: rows }, (_, i) => table.channels.map((c) => c.values[n - rows + i]));
}

describe('engine', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  it('trains, forecasts H steps with an interval around the mean, and says what it picked', async () => {
    const table = synthetic(160, 12, 1);
    const model = await train({ table, target: 'y' }, { horizon: 6, ...FAST });
    try {
      const r = model.forecast(table);
      expect(r.mean).toHaveLength(6);
      expect(r.level).toBe(0.9);
      r.mean.forEach((m, i) => {
        expect(r.lower[i]).toBeLessThanOrEqual(m);
        expect(r.upper[i]).toBeGreaterThanOrEqual(m);
      });
      expect(model.info.period).toBe(12);
      expect(model.info.channels).toEqual([{ name: 'y', unit: 'C' }]);
      expect(['lstm', 'ensemble', 'linear', 'seasonal-naive', 'naive']).toContain(model.info.method);
      expect(model.info.scores.map((s) => s.method).sort()).toEqual(['ensemble', 'linear', 'lstm', 'naive', 'seasonal-naive']);
      expect(model.info.methods).toContain('lstm');
      expect(model.info.pickReason).toContain(model.info.method);
      expect(model.info.trainer).toMatch(/kernel|tfjs/);
      expect(model.info.trainingSeconds).toBeGreaterThan(0);
    } finally {
      model.dispose();
    }
  });

  it('is deterministic with a seed', async () => {
    const table = synthetic(140, 12, 2);
    const a = await train({ table, target: 'y' }, { horizon: 4, ...FAST });
    const b = await train({ table, target: 'y' }, { horizon: 4, ...FAST });
    try {
      expect(b.forecast(table, { method: 'lstm' }).mean).toEqual(a.forecast(table, { method: 'lstm' }).mean);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('streams: the plain-TS forecast equals the tfjs forecast on the same history, covariates included', async () => {
    const table = synthetic(150, 12, 4, { x: (i) => Math.cos(i / 3), z: (i) => (i % 5) * 2 });
    const model = await train({ table, target: 'y', covariates: ['x', 'z'] }, { horizon: 5, ...FAST });
    try {
      expect(model.info.methods).toContain('lstm');
      for (const method of model.info.methods) {
        const stream = model.stream({ method });
        expect(stream.gates()).toBeNull();
        let last: ForecastResult | null = null;
        const rows = lastRows(table, model.info.history);
        rows.forEach((row, i) => {
          last = stream.push(row);
          if (i < model.info.history - 1) expect(last).toBeNull();
        });
        const ref = model.forecast(table, { method });
        expect(last).not.toBeNull();
        last!.mean.forEach((v, i) => expect(Math.abs(v - ref.mean[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(ref.mean[i]))));
        last!.upper.forEach((v, i) => expect(Math.abs(v - ref.upper[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(ref.upper[i]))));
        if (method === 'lstm') expect(stream.gates()!.forget).toHaveLength(model.info.units);
        // The state carries on: another sample gives a new forecast at once.
        expect(stream.push(rows[0])).not.toBeNull();
        expect(stream.waiting()).toBe(0);
        // A gap: nothing carries across it; the stream waits for a full history again.
        stream.reset();
        expect(stream.waiting()).toBe(model.info.history);
        expect(stream.push(rows[0])).toBeNull();
        expect(stream.waiting()).toBe(model.info.history - 1);
      }
    } finally {
      model.dispose();
    }
  });

  it('forecasts from many origins at once, equal to a forecast on the rows before each origin', async () => {
    const table = synthetic(200, 12, 12);
    const model = await train({ table, target: 'y' }, { horizon: 4, ...FAST });
    try {
      const origins = [150, 170, 200];
      const many = await model.forecastFrom(table, origins);
      for (const method of model.info.methods) {
        origins.forEach((o, i) => {
          const cut = { ...table, channels: table.channels.map((c) => ({ ...c, values: c.values.slice(0, o) })) };
          const one = model.forecast(cut, { method });
          many[method]![i].mean.forEach((v, h) => expect(v).toBeCloseTo(one.mean[h], 4));
        });
      }
      await expect(async () => model.forecastFrom(table, [3])).rejects.toMatchObject({ code: 'BAD_OPTION' });
    } finally {
      model.dispose();
    }
  });

  it('always gives a forecast: 48 monthly points, horizon 12, baselines and the linear method, and says why', async () => {
    const table = synthetic(48, 12, 13);
    const model = await train({ table, target: 'y' }, { horizon: 12 });
    try {
      expect(model.info.methods).not.toContain('lstm');
      expect(['linear', 'seasonal-naive', 'naive']).toContain(model.info.method);
      expect(model.info.pickReason).toMatch(/too short for the LSTM/);
      const r = model.forecast(table);
      expect(r.mean).toHaveLength(12);
      r.mean.forEach((m, i) => expect(r.upper[i]).toBeGreaterThan(r.lower[i]));
    } finally {
      model.dispose();
    }
    // A handful of points: naive or seasonal naive, with an interval that widens.
    const tiny: SeriesTable = { time: null, intervalMs: null, channels: [{ name: 'y', values: Float64Array.from([3, 5, 4]) }] };
    const t = await train({ table: tiny, target: 'y' }, { horizon: 5 });
    try {
      expect(t.info.method).toBe('naive');
      const r = t.forecast(tiny);
      expect(r.mean).toEqual([4, 4, 4, 4, 4]);
      expect(r.upper[4] - r.lower[4]).toBeGreaterThan(r.upper[0] - r.lower[0]);
    } finally {
      t.dispose();
    }
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

  it('finds the season of live 10 Hz data without a grid (a 60 s cycle is 600 rows)', async () => {
    const rand = createRandom(16);
    const n = 3000;
    const time = Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 100 + Math.floor(rand() * 20));
    const values = Float64Array.from({ length: n }, (_, i) => 20 + 3 * Math.sin((2 * Math.PI * i) / 600) + 0.3 * normal(rand));
    const model = await train({ table: { time, intervalMs: null, channels: [{ name: 'temp', values }] }, target: 'temp' }, { horizon: 50, epochs: 2 });
    try {
      // Within 1 % (the receive times jitter): the 60 s cycle, labelled in time.
      const found = model.info.seasons.find((s) => Math.abs(s.period - 600) <= 6);
      expect(found).toBeDefined();
      expect(found!.label).toMatch(/^(59\.\d|60(\.\d)?) s$/);
    } finally {
      model.dispose();
    }
  });

  it('a NaN loss mid-training stops, keeps the last good weights and says why', async () => {
    // Deterministic: the training windows turn non-finite after epoch 2, so epochs 1 and 2 are good
    // and epoch 3 diverges, whatever the learning rate or the trainer.
    const shape: NetworkShape = { window: 12, features: 1, units: 8, horizon: 3 };
    const series = synthetic(160, 12, 7).channels[0].values;
    const scaled = Float32Array.from(series, (v) => (v - 20) / 5);
    const windowsFrom = (from: number, to: number): WindowArrays => {
      const count = to - from - shape.window - shape.horizon + 1;
      const x = new Float32Array(count * shape.window);
      const y = new Float32Array(count * shape.horizon);
      for (let i = 0; i < count; i++) {
        x.set(scaled.subarray(from + i, from + i + shape.window), i * shape.window);
        y.set(scaled.subarray(from + i + shape.window, from + i + shape.window + shape.horizon), i * shape.horizon);
      }
      return { x, y, count, features: 1 };
    };
    const trainSet = windowsFrom(0, 120);
    const valSet = windowsFrom(105, 160);
    const model = buildNetwork(shape);
    try {
      setNetworkWeights(model, shape, initialWeights(shape, 1));
      const epochs: number[] = [];
      const result = await fitLoop(model, shape, trainSet, valSet, resolveOptions({ horizon: 3, epochs: 20, patience: 20, seed: 1 }), {
        onProgress: (p) => {
          epochs.push(p.epoch);
          expect(Number.isFinite(p.loss) && Number.isFinite(p.valLoss)).toBe(true);
          if (p.epoch === 2) trainSet.x.fill(Number.NaN, 0, 5 * shape.window);
        },
      });
      expect(result.stopReason).toBe('nan-loss');
      expect(epochs).toEqual([1, 2]);
      expect([1, 2]).toContain(result.bestEpoch);
      expect(Number.isFinite(result.bestValLoss)).toBe(true);
      // The weights are the last good ones (trained, not the initial ones, all finite): the forecasts are finite.
      const kept = readNetworkWeights(model);
      expect(Array.from(kept.kernel).every(Number.isFinite)).toBe(true);
      expect(Array.from(kept.kernel)).not.toEqual(Array.from(initialWeights(shape, 1).kernel));
      const forecasts = tf.tidy(() => (model.predict(tf.tensor3d(valSet.x, [valSet.count, shape.window, 1])) as tf.Tensor).dataSync());
      expect(forecasts.length).toBe(valSet.count * shape.horizon);
      expect(Array.from(forecasts).every(Number.isFinite)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('leaks no tensors over repeated train + forecast + stream + bundle round-trip cycles', async () => {
    const table = synthetic(120, 12, 8);
    const before = tf.memory().numTensors;
    for (let cycle = 0; cycle < 2; cycle++) {
      const model = await train({ table, target: 'y' }, { horizon: 3, epochs: 2, seed: cycle });
      model.forecast(table, { method: 'lstm' });
      const s = model.stream();
      for (const row of lastRows(table, model.info.window)) s.push(row);
      const copy = await loadBundle(await model.toBundle());
      copy.forecast(table);
      copy.dispose();
      model.dispose();
    }
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
