// Data preparation, step 4: training windows. Lists the window ends that fit inside gap-free
// segments, splits them in time order (validation = the most recent windows, with no training
// target inside the validation span) and fills the input/target arrays for tfjs.
// Called by shared/model/train.ts.
import type { Segment } from './clean';
import { baseForecast, encodeWindow, type EncodingSpec } from './encode';

/** Window ends (one past the last input row) whose inputs and H targets lie inside one segment. */
export function windowEnds(segs: Segment[], window: number, horizon: number): number[] {
  const ends: number[] = [];
  for (const s of segs) for (let end = s.start + window; end + horizon <= s.end; end++) ends.push(end);
  return ends;
}

export interface WindowSplit {
  train: number[];
  val: number[];
  /** First row of the validation span: scaling is fitted on rows before it. */
  valStart: number;
}

/**
 * Time-ordered split: the last `fraction` of the ends (at least `minVal`, at most a quarter of
 * `maxTrain`, so long series validate on recent data) validate; training keeps only windows whose
 * targets end before the first validation target, at most `maxTrain` of them (the most recent).
 */
export function splitWindows(ends: number[], horizon: number, fraction: number, maxTrain: number, minVal = 4): WindowSplit {
  const nVal = Math.min(ends.length, Math.max(minVal, Math.min(Math.round(ends.length * fraction), Math.ceil(maxTrain / 4))));
  const val = ends.slice(ends.length - nVal);
  const valStart = val.length ? val[0] : Infinity;
  let train = ends.filter((e) => e + horizon <= valStart);
  if (train.length > maxTrain) train = train.slice(train.length - maxTrain);
  return { train, val, valStart: Number.isFinite(valStart) ? valStart : ends.length ? ends[ends.length - 1] + horizon : 0 };
}

export interface WindowArrays {
  /** count x window x features, row-major. */
  x: Float32Array;
  /** count x horizon: scaled corrections to the baseline. */
  y: Float32Array;
  count: number;
  features: number;
}

/** Inputs and targets for the windows ending at `ends`. */
export function buildArrays(spec: EncodingSpec, z: ArrayLike<number>, covariates: ArrayLike<number>[], ends: number[]): WindowArrays {
  const f = 1 + covariates.length;
  const x = new Float32Array(ends.length * spec.window * f);
  const y = new Float32Array(ends.length * spec.horizon);
  ends.forEach((end, i) => {
    encodeWindow(spec, z, covariates, end, x, i * spec.window * f);
    const base = baseForecast(spec, z, end);
    for (let h = 0; h < spec.horizon; h++) y[i * spec.horizon + h] = (z[end + h] - base[h]) / spec.targetScale;
  });
  return { x, y, count: ends.length, features: f };
}

/** Mean absolute model-space error of the baseline in `spec` over the windows ending at `ends`. */
export function baselineError(spec: EncodingSpec, z: ArrayLike<number>, ends: number[]): number {
  let sum = 0;
  let n = 0;
  for (const end of ends) {
    const base = baseForecast(spec, z, end);
    for (let h = 0; h < spec.horizon; h++) {
      sum += Math.abs(z[end + h] - base[h]);
      n++;
    }
  }
  return n ? sum / n : Infinity;
}
