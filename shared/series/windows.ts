// Data preparation, step 4: training windows. Lists the forecast origins whose history and H
// targets fit inside gap-free segments, splits them in time order (validation = the most recent
// origins, with no training target inside the validation span) and fills the network's
// input/target arrays. Called by shared/model/train.ts.
import type { Segment } from './clean';
import { applyLinear, contextSize, encodeContext, encodeWindow, lstmFeatures, type EncodingSpec } from './encode';

/** Origins (the first forecast row) whose `history` rows before and `horizon` rows from lie inside one segment. */
export function windowEnds(segs: Segment[], history: number, horizon: number): number[] {
  const ends: number[] = [];
  for (const s of segs) for (let end = s.start + history; end + horizon <= s.end; end++) ends.push(end);
  return ends;
}

export interface WindowSplit {
  train: number[];
  val: number[];
  /** First row of the validation span: scaling is fitted on rows before it. */
  valStart: number;
}

/**
 * Time-ordered split: the last `fraction` of the origins (at least `minVal`, at most `maxVal`)
 * validate; training keeps only origins whose targets end before the first validation target.
 */
export function splitWindows(ends: number[], horizon: number, fraction: number, maxVal: number, minVal = 4): WindowSplit {
  const nVal = Math.min(ends.length, Math.max(minVal, Math.min(Math.round(ends.length * fraction), maxVal)));
  const val = ends.slice(ends.length - nVal);
  const valStart = val.length ? val[0] : Infinity;
  const train = ends.filter((e) => e + horizon <= valStart);
  return { train, val, valStart: Number.isFinite(valStart) ? valStart : ends.length ? ends[ends.length - 1] + horizon : 0 };
}

export interface WindowArrays {
  /** count x window x features, row-major. */
  x: Float32Array;
  /** count x horizon: scaled corrections to the linear forecast. */
  y: Float32Array;
  count: number;
  features: number;
}

/** LSTM inputs and targets (what the linear map leaves) for the origins `ends`. */
export function buildArrays(spec: EncodingSpec, z: ArrayLike<number>, covariates: ArrayLike<number>[], prefix: Float64Array, linear: Float32Array, ends: number[]): WindowArrays {
  const f = lstmFeatures(spec);
  const H = spec.horizon;
  const d = contextSize(spec.context);
  const x = new Float32Array(ends.length * spec.window * f);
  const y = new Float32Array(ends.length * H);
  const ctx = new Float64Array(d);
  const lin = new Float64Array(H);
  ends.forEach((end, i) => {
    encodeWindow(spec, z, covariates, end, x, i * spec.window * f);
    encodeContext(spec, z, end, ctx, 0, prefix);
    applyLinear(linear, ctx, d, H, lin);
    const last = z[end - 1];
    for (let h = 0; h < H; h++) y[i * H + h] = (z[end + h] - last) / spec.targetScale - lin[h];
  });
  return { x, y, count: ends.length, features: f };
}
