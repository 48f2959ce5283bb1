// The engine end to end on small series (shared/model/index.ts): training, forecasts, streaming,
// determinism, short series, seasons of live data, tensor leaks. The run's controls and its input
// checks are in train.test.ts, the NaN guard of the epoch loop in fit.test.ts.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadBundle, train, type ForecastResult } from '../../../shared/model';
import { createRandom, normal } from '../../../shared/model/random';
import type { SeriesTable } from '../../../shared/table';

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

