// What a trained model is, apart from its tfjs weights: encoding, metadata and interval widths.
// Built by train.ts, stored in the bundle by bundle.ts, used by forecaster.ts and stream.ts.
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
  intervals: Record<ForecastMethod, IntervalSpec>;
}

/** Linear-interpolated quantile of a sorted array. */
export function quantileSorted(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Interval quantiles per step from residuals[window][step], with the split-conformal finite-sample
 * correction (level q on n residuals uses the ceil((n + 1) q) / n quantile), so that few
 * validation windows widen the interval instead of narrowing it.
 */
export function residualIntervals(residuals: number[][], horizon: number, level: number): IntervalSpec {
  const lower: number[] = [];
  const upper: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const r = residuals.map((row) => row[h]).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const n = r.length;
    const hiQ = Math.min(1, Math.ceil((n + 1) * ((1 + level) / 2)) / Math.max(n, 1));
    const loQ = Math.max(0, 1 - hiQ);
    lower.push(quantileSorted(r, loQ));
    upper.push(quantileSorted(r, hiQ));
  }
  return { lower, upper };
}
