import { describe, expect, it } from 'vitest';

import { FOCUS_ROWS, followRange, forecastFocus, lowerBound, minMaxDecimate } from '../../../renderer/src/chart/axis';

const series = (n: number, y: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ x: i, y: y(i) }));

describe('axis geometry', () => {
  it('finds the first point at or after x', () => {
    const pts = series(10, () => 0);
    expect(lowerBound(pts, 3.5)).toBe(4);
    expect(lowerBound(pts, -1)).toBe(0);
    expect(lowerBound(pts, 99)).toBe(10);
  });

  it('follows from the first actual point to the end of the forecast', () => {
    const pts = series(10, () => 0);
    expect(followRange(pts, 15)).toEqual({ min: 0, max: 15 });
    expect(followRange(pts, undefined)).toEqual({ min: 0, max: 9 });
    expect(followRange([], 15)).toBeNull();
  });
});

describe('a file\'s forecast in view', () => {
  const ahead = (from: number, h: number) => Array.from({ length: h }, (_, i) => from + i);

  it('shows the forecast and the FOCUS_ROWS rows before it, or 4 horizons where longer', () => {
    const pts = series(3177, () => 0);
    expect(forecastFocus(pts, ahead(3177, 12))).toEqual({ min: 3177 - FOCUS_ROWS, max: 3188 });
    expect(forecastFocus(pts, ahead(3177, 96))).toEqual({ min: 3177 - 4 * 96, max: 3177 + 95 });
  });

  it('leaves a file that is no longer than that, or no forecast, as it is', () => {
    expect(forecastFocus(series(FOCUS_ROWS, () => 0), ahead(FOCUS_ROWS, 12))).toBeNull();
    expect(forecastFocus(series(5000, () => 0), [])).toBeNull();
  });
});

describe('min-max decimation', () => {
  it('keeps each bucket\'s minimum and maximum in time order, so spikes survive', () => {
    const pts = series(100_000, (i) => (i === 54_321 ? 1000 : i === 12_345 ? -1000 : Math.sin(i / 100)));
    const out = minMaxDecimate(pts, 0, 99_999, 500);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.some((p) => p.y === 1000)).toBe(true);
    expect(out.some((p) => p.y === -1000)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });

  it('keeps a bucket of missing values as a break, and slices a short range as it is', () => {
    const pts = series(10_000, (i) => (i >= 5000 && i < 6000 ? Number.NaN : 1));
    expect(minMaxDecimate(pts, 0, 9999, 100).some((p) => Number.isNaN(p.y))).toBe(true);
    const view = minMaxDecimate(pts, 100, 200, 100);
    expect(view[0].x).toBeLessThanOrEqual(100);
    expect(view[view.length - 1].x).toBeGreaterThanOrEqual(200);
    expect(view.length).toBeLessThan(120);
  });
});
