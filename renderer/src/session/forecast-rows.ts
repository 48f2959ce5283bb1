// Forecast row alignment, pure: forecasts placed on the chart's x axis, and the export's rows
// (each step next to what happened then); the model's input rows come from the store
// (live/series-store.ts rows()). Step times come from shared/series/time-grid.ts, so monthly data
// stay on calendar months. Callers: session/forecast-controller.ts (drawing) and ui/export-panel.ts.
import type { z } from 'zod';

import type { exportRowSchema } from '../../../shared/api/contract';
import { timesAfter } from '../../../shared/series/time-grid';
import type { SeriesTable } from '../../../shared/table';
import type { ForecastView, Point } from '../chart/forecast-chart';
import type { StampedForecast } from '../worker/messages';

/** t, actual, forecast, lower, upper, baseline (naive: the origin's value), residual. */
export type ExportRow = z.infer<typeof exportRowSchema>;

/** The newest forecast ahead of the data, and past forecasts as one line broken between segments. */
export function forecastView(latest: StampedForecast | null, segments: readonly StampedForecast[], dt: number): { forecast: ForecastView | null; past: Point[] } {
  const forecast = latest ? { x: timesAfter(latest.t, dt, latest.mean.length), mean: latest.mean, lower: latest.lower, upper: latest.upper } : null;
  const past: Point[] = [];
  for (const s of segments) {
    const xs = timesAfter(s.t, dt, s.mean.length);
    for (let h = 0; h < xs.length; h++) past.push({ x: xs[h], y: s.mean[h] });
    past.push({ x: xs[xs.length - 1], y: Number.NaN }); // break between segments
  }
  return { forecast, past };
}

/**
 * The export's rows: every step of every forecast (each origin once) with the target's actual
 * value at that time, the naive baseline and the residual. An actual value is the sample nearest
 * to the step's time within half an interval (live times jitter), else null.
 */
export function exportRows(table: SeriesTable, target: string | null, dt: number, forecasts: readonly StampedForecast[]): ExportRow[] {
  const ch = table.channels.find((c) => c.name === target);
  const time = table.time;
  const n = ch?.values.length ?? 0;
  const timeAt = (i: number) => (time ? time[i] : i);
  const valueNear = (t: number): number | null => {
    if (!ch || n === 0) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    for (const i of [lo - 1, lo]) {
      if (i >= 0 && i < n && Math.abs(timeAt(i) - t) <= dt / 2 && Number.isFinite(ch.values[i])) return ch.values[i];
    }
    return null;
  };
  const rows: ExportRow[] = [];
  const seen = new Set<number>();
  for (const s of forecasts) {
    if (seen.has(s.t)) continue;
    seen.add(s.t);
    const base = valueNear(s.t);
    const times = timesAfter(s.t, dt, s.mean.length);
    for (let h = 0; h < s.mean.length; h++) {
      const t = times[h];
      const actual = valueNear(t);
      const f = s.mean[h];
      rows.push([t, actual, f, s.lower[h], s.upper[h], base, actual === null ? null : actual - f]);
    }
  }
  return rows;
}
