// What a trained model is, apart from its tfjs weights: encoding, metadata and interval widths.
// Built by train.ts, stored in the bundle by bundle-save.ts, read by bundle-load.ts, used by
// forecaster.ts, predict.ts and stream.ts.
import type { EncodingSpec } from '../series/encode';

import type { ForecastMethod, ModelInfo } from './types';

/**
 * Per-step quantiles of the model-space residuals (actual - forecast) on out-of-sample windows.
 * With `scaleRows` they are in units of the local scale (localScale over that many rows before
 * the origin): the band is `lower[h] * scale .. upper[h] * scale` around the forecast.
 */
export interface IntervalSpec {
  lower: number[];
  upper: number[];
  /** Rows of history the local scale is measured on; absent: the quantiles are in model units. */
  scaleRows?: number;
}

export interface ModelSpec {
  info: ModelInfo;
  encoding: EncodingSpec;
  /** Per method the model offers (info.methods). */
  intervals: Partial<Record<ForecastMethod, IntervalSpec>>;
}

/** Smallest local step change, relative to the model's target scale: a flat stretch must not collapse the band. */
const SCALE_FLOOR = 0.05;

/**
 * The local scale from the mean absolute step change of the recent rows: its geometric mean with
 * the series' target scale. Quiet stretches (a solar minimum) get narrower bands and turbulent
 * ones wider, but only halfway: a few dozen rows measure the volatility noisily, and the fully
 * local scale under-covered (sunspot.month 55 %, against 77-92 % at half) where the quiet
 * stretch ended within the horizon.
 */
export function shrunkScale(meanAbsStep: number, targetScale: number): number {
  return Math.sqrt(Math.max(meanAbsStep, SCALE_FLOOR * targetScale) * targetScale);
}

/**
 * The local scale at the origin `end` (shrunkScale of the mean absolute step change over the
 * `rows` rows before it; needs rows + 1 rows of history). Also computed, on its ring, by stream.ts.
 */
export function localScale(z: ArrayLike<number>, end: number, rows: number, targetScale: number): number {
  let sum = 0;
  let count = 0;
  for (let t = Math.max(1, end - rows); t < end; t++) {
    const d = z[t] - z[t - 1];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return shrunkScale(count ? sum / count : 0, targetScale);
}

/** The multiplier of an interval's quantiles at the origin `end` of `z` (1 without a local scale). */
export function intervalScale(iv: IntervalSpec, z: ArrayLike<number>, end: number, targetScale: number): number {
  return iv.scaleRows ? localScale(z, end, iv.scaleRows, targetScale) : 1;
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
 * The closest non-decreasing sequence to `x` in least squares (pool adjacent violators). Used
 * instead of a running maximum, which ratchets every upward wobble of a noisy quantile forward
 * and so over-covers.
 */
export function isotonic(x: number[]): number[] {
  const value: number[] = [];
  const weight: number[] = [];
  for (const v of x) {
    value.push(v);
    weight.push(1);
    while (value.length > 1 && value[value.length - 2] > value[value.length - 1]) {
      const w = weight[weight.length - 2] + weight[weight.length - 1];
      const m = (value[value.length - 2] * weight[weight.length - 2] + value[value.length - 1] * weight[weight.length - 1]) / w;
      value.pop();
      weight.pop();
      value[value.length - 1] = m;
      weight[weight.length - 1] = w;
    }
  }
  const out: number[] = [];
  value.forEach((v, i) => {
    for (let k = 0; k < weight[i]; k++) out.push(v);
  });
  return out;
}

/**
 * Symmetric interval widths per step: the quantile of the absolute residuals[window][step]
 * (model units, or divided by the local scale when `scaleRows` is given; in model space, so a log
 * model's band is asymmetric in the user's units). Symmetric because the two tails of a few dozen
 * overlapping windows carry the direction of the last few runs, not of the next (signed tails:
 * WWWusage 54 %, AirPassengers 58 %; absolute: 80 %, 85 %). With the split-conformal finite-sample correction (level q
 * on n residuals uses the ceil((n + 1) q) / n quantile), so that few windows widen the interval
 * instead of narrowing it. Residuals of neighbouring steps are pooled (a step h uses steps
 * within 10% of h, at most 5 away), and the band never narrows with the step ahead (errors
 * compound; a band that shrinks at step 9 after step 8 is sampling noise): the per-step
 * quantiles are made monotone by isotonic regression.
 */
/** Residuals pooled per step, at most (unless a single step has more). */
const POOLED = 4000;

export function residualIntervals(residuals: number[][], horizon: number, level: number, scaleRows?: number): IntervalSpec {
  const width: number[] = [];
  // Enough windows need no pooling: at most POOLED residuals a step keeps the sorting cheap at long horizons.
  const most = Math.max(0, Math.floor((POOLED / Math.max(residuals.length, 1) - 1) / 2));
  for (let h = 0; h < horizon; h++) {
    const k = Math.min(5, Math.floor(0.1 * h), most);
    const lo = Math.max(0, h - k);
    const hi = Math.min(horizon - 1, h + k);
    let count = 0;
    for (const row of residuals) for (let j = lo; j <= hi; j++) if (Number.isFinite(row[j])) count++;
    // A typed array sorts numerically and natively: fast enough for H = 720 x 5 methods.
    const r = new Float64Array(count);
    count = 0;
    for (const row of residuals) for (let j = lo; j <= hi; j++) if (Number.isFinite(row[j])) r[count++] = row[j];
    for (let i = 0; i < count; i++) r[i] = Math.abs(r[i]);
    r.sort();
    width.push(quantileSorted(r, Math.min(1, Math.ceil((count + 1) * level) / Math.max(count, 1))));
  }
  const upper = isotonic(width);
  const lower = upper.map((w) => -w);
  return scaleRows ? { lower, upper, scaleRows } : { lower, upper };
}
