// The prediction intervals (shared/model/spec.ts, calibrated by select.ts): monotone widths,
// the finite-sample correction, the local scale, and coverage of held-out points on series with
// known noise.
import { beforeAll, describe, expect, it } from 'vitest';

import { train } from '../../../shared/model';
import { createRandom, normal } from '../../../shared/model/random';
import { isotonic, localScale, residualIntervals } from '../../../shared/model/spec';
import type { SeriesTable } from '../../../shared/table';

import { backendReady } from './helpers';

/** Share of the points after `from` inside the intervals of forecasts from every `stride`-th origin. */
async function heldOutCoverage(table: SeriesTable, from: number, horizon: number, stride: number): Promise<number> {
  const model = await train({ table: { ...table, channels: table.channels.map((c) => ({ ...c, values: c.values.subarray(0, from) })) }, target: 'y' }, { horizon, methods: ['linear', 'seasonal-naive', 'naive'] });
  try {
    const y = table.channels[0].values;
    const origins: number[] = [];
    for (let o = from; o + horizon <= y.length; o += stride) origins.push(o);
    const all = await model.forecastFrom(table, origins, { methods: [model.info.method] });
    let inside = 0;
    let count = 0;
    all[model.info.method]!.forEach((r, i) => {
      for (let h = 0; h < horizon; h++) {
        const v = y[origins[i] + h];
        count++;
        if (v >= r.lower[h] && v <= r.upper[h]) inside++;
      }
    });
    return inside / count;
  } finally {
    model.dispose();
  }
}

describe('interval widths', () => {
  it('isotonic: the closest non-decreasing sequence, not a running maximum', () => {
    expect(isotonic([1, 2, 3])).toEqual([1, 2, 3]);
    // A running maximum would give [1, 5, 5, 5]: one high wobble widens every later step.
    expect(isotonic([1, 5, 1, 1])).toEqual([1, 7 / 3, 7 / 3, 7 / 3]);
  });

  it('symmetric, never narrower further ahead, and wider with fewer windows (finite-sample correction)', () => {
    const rand = createRandom(3);
    const rows = (n: number): number[][] => Array.from({ length: n }, () => [normal(rand), 2 * normal(rand), 1.5 * normal(rand)]);
    const iv = residualIntervals(rows(2000), 3, 0.9);
    expect(iv.lower).toEqual(iv.upper.map((w) => -w));
    expect(iv.upper[0]).toBeGreaterThan(1.5);
    expect(iv.upper[0]).toBeLessThan(1.8);
    // Step 3's noise is smaller than step 2's, but the band does not shrink.
    expect(iv.upper[2]).toBeGreaterThanOrEqual(iv.upper[1]);
    // 9 residuals at level 0.9: ceil(10 x 0.9) / 9 = 1, the largest of them.
    const few = [[1], [-2], [3], [-4], [5], [-6], [7], [-8], [9]];
    expect(residualIntervals(few, 1, 0.9).upper[0]).toBe(9);
    expect(residualIntervals(few, 1, 0.9, 5).scaleRows).toBe(5);
  });

  it('the local scale follows the recent step changes, halfway toward the series scale', () => {
    const quiet = Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.1 : 0));
    const loud = Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 10 : 0));
    expect(localScale(quiet, 40, 24, 1)).toBeCloseTo(Math.sqrt(0.1), 6);
    expect(localScale(loud, 40, 24, 1)).toBeCloseTo(Math.sqrt(10), 6);
    // A flat stretch does not collapse the band.
    expect(localScale(new Float64Array(40), 40, 24, 1)).toBeGreaterThan(0.2);
  });
});

describe('interval coverage on held-out data', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  it('a seasonal series with Gaussian noise: the 90 % interval covers 85-95 % of 1,000 held-out points', async () => {
    const rand = createRandom(11);
    const n = 1600;
    const values = Float64Array.from({ length: n }, (_, i) => 50 + 0.01 * i + 8 * Math.sin((2 * Math.PI * i) / 24) + 2 * normal(rand));
    const cover = await heldOutCoverage({ time: null, intervalMs: null, channels: [{ name: 'y', values }] }, 1000, 12, 7);
    expect(cover).toBeGreaterThan(0.85);
    expect(cover).toBeLessThan(0.95);
  }, 60_000);

  it('a random walk (naive is the model): 85-95 % over held-out origins', async () => {
    const rand = createRandom(5);
    const values = new Float64Array(1400);
    for (let i = 1; i < values.length; i++) values[i] = values[i - 1] + normal(rand);
    const cover = await heldOutCoverage({ time: null, intervalMs: null, channels: [{ name: 'y', values: values.map((v) => v + 100) }] }, 800, 10, 3);
    expect(cover).toBeGreaterThan(0.85);
    expect(cover).toBeLessThan(0.95);
  }, 60_000);
});
