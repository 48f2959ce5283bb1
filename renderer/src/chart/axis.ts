// Axis geometry, pure: the x range that follows the live edge, and min-max decimation of a long
// series to the pixel columns of the visible range. Callers: chart/forecast-chart.ts.
import type { Point } from './forecast-chart';

/** First index whose x is >= `x` (points sorted by x). */
export function lowerBound(points: readonly Point[], x: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Following live: from the first actual point to the last actual point or forecast step, whichever is later. */
export function followRange(actual: readonly Point[], lastForecastX: number | undefined): { min: number; max: number } | null {
  if (actual.length === 0) return null;
  return { min: actual[0].x, max: Math.max(actual[actual.length - 1].x, lastForecastX ?? Number.NEGATIVE_INFINITY) };
}

/** Rows of a file shown before its forecast, at least (and 4 horizons where longer). */
export const FOCUS_ROWS = 200;

/**
 * The range that shows a file's forecast: the last max(4 H, FOCUS_ROWS) rows and the H steps
 * ahead; null where the whole file is no longer than that (it is all in view anyway).
 */
export function forecastFocus(actual: readonly Point[], forecastX: readonly number[]): { min: number; max: number } | null {
  const rows = Math.max(4 * forecastX.length, FOCUS_ROWS);
  if (!forecastX.length || actual.length <= rows) return null;
  return { min: actual[actual.length - rows].x, max: forecastX[forecastX.length - 1] };
}

/**
 * The points of `pts` within [min, max] (plus 5 % either side), reduced to at most two per
 * bucket (its minimum and maximum, in time order) when there are more than two per bucket.
 * A bucket with no finite value keeps a NaN point, so gaps still break the line.
 */
export function minMaxDecimate(pts: readonly Point[], min: number, max: number, buckets: number): Point[] {
  const span = Math.max(1e-9, max - min);
  const lo = Math.max(0, lowerBound(pts, min - span * 0.05) - 1);
  const hi = Math.min(pts.length, lowerBound(pts, max + span * 0.05) + 1);
  if (hi - lo <= buckets * 2) return pts.slice(lo, hi);
  const out: Point[] = [];
  const per = (hi - lo) / buckets;
  for (let b = 0; b < buckets; b++) {
    const from = lo + Math.floor(b * per);
    const to = Math.min(hi, lo + Math.floor((b + 1) * per));
    let iMin = -1;
    let iMax = -1;
    for (let i = from; i < to; i++) {
      const y = pts[i].y;
      if (!Number.isFinite(y)) continue;
      if (iMin < 0 || y < pts[iMin].y) iMin = i;
      if (iMax < 0 || y > pts[iMax].y) iMax = i;
    }
    if (iMin < 0) out.push({ x: pts[from].x, y: Number.NaN });
    else if (iMin === iMax) out.push(pts[iMin]);
    else out.push(pts[Math.min(iMin, iMax)], pts[Math.max(iMin, iMax)]);
  }
  return out;
}
