// What a trained model is, apart from its tfjs weights: encoding, metadata and interval widths.
// Built by train.ts, stored in the bundle by bundle-save.ts, read by bundle-load.ts, used by
// forecaster.ts, predict.ts and stream.ts.
import type { EncodingSpec } from '../series/encode';

import type { ForecastMethod, ModelInfo } from './types';

/** Per-step model-space residual quantiles (actual - forecast) on the validation windows. */
export interface IntervalSpec {
  lower: number[];
  upper: number[];
}

export interface ModelSpec {
  info: ModelInfo;
  encoding: EncodingSpec;
  /** Per method the model offers (info.methods). */
  intervals: Partial<Record<ForecastMethod, IntervalSpec>>;
}

/** Linear-interpolated quantile of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Interval quantiles per step from residuals[window][step], with the split-conformal finite-sample
 * correction (level q on n residuals uses the ceil((n + 1) q) / n quantile), so that few
 * validation windows widen the interval instead of narrowing it. Residuals of neighbouring steps
 * are pooled (a step h uses steps within 10% of h, at most 5 away), and the band never narrows with the step
 * ahead: errors compound, and a band that shrinks at step 9 after step 8 is sampling noise.
 */
export function residualIntervals(residuals: number[][], horizon: number, level: number): IntervalSpec {
  const lower: number[] = [];
  const upper: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const k = Math.min(5, Math.floor(0.1 * h));
    const lo = Math.max(0, h - k);
    const hi = Math.min(horizon - 1, h + k);
    let count = 0;
    for (const row of residuals) for (let j = lo; j <= hi; j++) if (Number.isFinite(row[j])) count++;
    // A typed array sorts numerically and natively: fast enough for H = 720 x 5 methods.
    const r = new Float64Array(count);
    count = 0;
    for (const row of residuals) for (let j = lo; j <= hi; j++) if (Number.isFinite(row[j])) r[count++] = row[j];
    r.sort();
    const n = r.length;
    const hiQ = Math.min(1, Math.ceil((n + 1) * ((1 + level) / 2)) / Math.max(n, 1));
    const loQ = Math.max(0, 1 - hiQ);
    lower.push(Math.min(quantileSorted(r, loQ), h ? lower[h - 1] : 0));
    upper.push(Math.max(quantileSorted(r, hiQ), h ? upper[h - 1] : 0));
  }
  return { lower, upper };
}
