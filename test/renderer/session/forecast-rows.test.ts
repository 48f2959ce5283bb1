import { describe, expect, it } from 'vitest';

import { exportRows, forecastView } from '../../../renderer/src/session/forecast-rows';
import { MONTH_MS } from '../../../shared/series/time-grid';
import type { StampedForecast } from '../../../renderer/src/worker/messages';

const fc = (t: number, mean: number[]): StampedForecast => ({ t, mean, lower: mean.map((m) => m - 1), upper: mean.map((m) => m + 1) }) as StampedForecast;

describe('forecasts on the x axis', () => {
  it('puts step h of a forecast made at t at t + h intervals', () => {
    expect(forecastView(fc(1000, [1, 2, 3]), [], 100).forecast!.x).toEqual([1100, 1200, 1300]);
  });

  it('draws the latest ahead and past segments as one line broken between segments', () => {
    const v = forecastView(fc(2000, [5, 6]), [fc(0, [1, 2]), fc(1000, [3, 4])], 500);
    expect(v.forecast).toEqual({ x: [2500, 3000], mean: [5, 6], lower: [4, 5], upper: [6, 7] });
    expect(v.past.map((p) => p.x)).toEqual([500, 1000, 1000, 1500, 2000, 2000]);
    expect(v.past.map((p) => p.y).filter(Number.isNaN)).toHaveLength(2);
    expect(forecastView(null, [], 1).forecast).toBeNull();
  });
});

describe('export rows', () => {
  const table = { time: new Float64Array([0, 1000, 2000, 3000]), channels: [{ name: 'temp', values: new Float64Array([10, 11, Number.NaN, 13]) }], intervalMs: 1000 };

  it('lines each step up with the sample nearest its time, the naive baseline and the residual', () => {
    const rows = exportRows(table as never, 'temp', 1000, [fc(1000, [12, 14, 16])]);
    expect(rows).toEqual([
      [2000, null, 12, 11, 13, 11, null], // the actual is missing (NaN)
      [3000, 13, 14, 13, 15, 11, -1],
      [4000, null, 16, 15, 17, 11, null], // not happened yet
    ]);
  });

  it('matches live times that jitter by up to half an interval, and writes each origin once', () => {
    const rows = exportRows(table as never, 'temp', 1000, [fc(-40, [7]), fc(-40, [7])]);
    expect(rows).toEqual([[960, 11, 7, 6, 8, 10, 4]]);
  });

  it('keeps monthly data on calendar months (not a 30.44-day grid), so actual values line up', () => {
    const months = [0, 1, 2, 3].map((m) => Date.UTC(1961, m, 1));
    const monthly = { time: Float64Array.from(months), channels: [{ name: 'temp', values: new Float64Array([1, 2, 3, 4]) }], intervalMs: MONTH_MS };
    const rows = exportRows(monthly as never, 'temp', MONTH_MS, [fc(months[0], [2, 3, 5])]);
    expect(rows.map((r) => new Date(r[0]).toISOString().slice(0, 10))).toEqual(['1961-02-01', '1961-03-01', '1961-04-01']);
    expect(rows.map((r) => r[1])).toEqual([2, 3, 4]);
  });

  it('has no actual values for a channel the data lack', () => {
    expect(exportRows(table as never, 'hum', 1000, [fc(0, [1])])[0][1]).toBeNull();
  });
});
