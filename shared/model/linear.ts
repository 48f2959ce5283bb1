// The linear method, fitted in closed form: a ridge regression from the linear context (recent
// rows and block means, relative to the last value; shared/series/encode.ts) to the H steps
// ahead, also relative to the last value (NLinear, Zeng et al. 2023, with a compact long
// context). Least squares through the normal equations: one pass over the windows builds X'X and
// X'Y, a Cholesky factorization per ridge strength solves them, and the strength is chosen on the
// validation windows. Seconds on tens of thousands of windows; no iterations, no randomness.
// Called by train.ts; the weights also start the network's forecast (the LSTM learns what is left).
import { applyLinear, contextSize, encodeContext, type EncodingSpec } from '../series/encode';

import { TimeSlicer } from './events';

/** Ridge strengths tried, relative to the mean diagonal of X'X (so they do not depend on the scale); the largest shrink toward the last value (naive). */
const ALPHAS = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

export interface LinearFit {
  /** contextSize x horizon, row-major. */
  weights: Float32Array;
  alpha: number;
  /** Mean squared error (scaled units) on the validation windows; NaN without any. */
  valMse: number;
}

/** X'X (full symmetric) and X'Y sums over the windows ending at `ends`. */
export interface Normal {
  xtx: Float64Array;
  xty: Float64Array;
  count: number;
}

/** Accumulates the normal equations over `ends` (targets: steps ahead relative to the last value, scaled), yielding to events. */
export async function normalEquations(spec: EncodingSpec, z: ArrayLike<number>, prefix: Float64Array, ends: number[], slicer = new TimeSlicer()): Promise<Normal> {
  const d = contextSize(spec.context);
  const H = spec.horizon;
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d * H);
  const x = new Float64Array(d);
  const y = new Float64Array(H);
  const s = spec.targetScale;
  for (const end of ends) {
    if (slicer.due()) await slicer.pause();
    encodeContext(spec, z, end, x, 0, prefix);
    const last = z[end - 1];
    for (let h = 0; h < H; h++) y[h] = (z[end + h] - last) / s;
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      const row = i * d;
      for (let j = i; j < d; j++) xtx[row + j] += xi * x[j];
      const yr = i * H;
      for (let h = 0; h < H; h++) xty[yr + h] += xi * y[h];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) xtx[i * d + j] = xtx[j * d + i];
  return { xtx, xty, count: ends.length };
}

/** Sum of two normal equations (train + validation windows). */
export function addNormal(a: Normal, b: Normal): Normal {
  return { xtx: a.xtx.map((v, i) => v + b.xtx[i]), xty: a.xty.map((v, i) => v + b.xty[i]), count: a.count + b.count };
}

/**
 * Solves (X'X + lambda I) W = X'Y by Cholesky; returns W (d x H) or null when the matrix is not
 * positive definite (cannot happen for lambda > 0 unless the data hold NaN).
 */
export function solveRidge(ne: Normal, d: number, H: number, lambda: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = ne.xtx[i * d + j] + (i === j ? lambda : 0);
      const ri = i * d;
      const rj = j * d;
      for (let k = 0; k < j; k++) sum -= L[ri + k] * L[rj + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[ri + i] = Math.sqrt(sum);
      } else {
        L[ri + j] = sum / L[rj + j];
      }
    }
  }
  // Both triangular solves run on whole rows of H right-hand sides (contiguous inner loops).
  const W = Float64Array.from(ne.xty);
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    const wi = i * H;
    for (let k = 0; k < i; k++) {
      const l = L[ri + k];
      if (l === 0) continue;
      const wk = k * H;
      for (let h = 0; h < H; h++) W[wi + h] -= l * W[wk + h];
    }
    const inv = 1 / L[ri + i];
    for (let h = 0; h < H; h++) W[wi + h] *= inv;
  }
  for (let i = d - 1; i >= 0; i--) {
    const wi = i * H;
    for (let k = i + 1; k < d; k++) {
      const l = L[k * d + i];
      if (l === 0) continue;
      const wk = k * H;
      for (let h = 0; h < H; h++) W[wi + h] -= l * W[wk + h];
    }
    const inv = 1 / L[i * d + i];
    for (let h = 0; h < H; h++) W[wi + h] *= inv;
  }
  return W;
}

function meanDiagonal(ne: Normal, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += ne.xtx[i * d + i];
  return s / Math.max(d, 1);
}

/** Validation MSE (scaled units) of W on the windows ending at `ends`. */
async function validationMse(spec: EncodingSpec, z: ArrayLike<number>, prefix: Float64Array, ends: number[], W: Float64Array, slicer: TimeSlicer): Promise<number> {
  const d = contextSize(spec.context);
  const H = spec.horizon;
  const x = new Float64Array(d);
  const p = new Float64Array(H);
  let sum = 0;
  let n = 0;
  for (const end of ends) {
    if (slicer.due()) await slicer.pause();
    encodeContext(spec, z, end, x, 0, prefix);
    applyLinear(W, x, d, H, p);
    const last = z[end - 1];
    for (let h = 0; h < H; h++) {
      const e = (z[end + h] - last) / spec.targetScale - p[h];
      sum += e * e;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

/** Evenly spread subset of at most `max` items, always keeping the last (most recent). */
export function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let k = max - 1; k >= 0; k--) out.push(items[items.length - 1 - Math.floor(k * step)]);
  return out;
}

/**
 * Fits the ridge map on `train` windows, choosing the strength on `val` windows (a middle
 * strength when there are none). Yields to events through `slicer` (which throws on cancel).
 */
export async function fitLinear(spec: EncodingSpec, z: ArrayLike<number>, prefix: Float64Array, train: number[], val: number[], slicer = new TimeSlicer()): Promise<LinearFit & { normal: Normal }> {
  const d = contextSize(spec.context);
  const H = spec.horizon;
  const ne = await normalEquations(spec, z, prefix, train, slicer);
  const scale = meanDiagonal(ne, d) || 1;
  // The strength is chosen on a few hundred windows: each costs d x H per strength tried.
  const valEnds = thin(val, Math.max(100, Math.min(600, Math.floor(2e8 / (d * H)))));
  let best: { W: Float64Array; alpha: number; mse: number } | null = null;
  const alphas = valEnds.length ? ALPHAS : [1e-2];
  for (const alpha of alphas) {
    if (slicer.due()) await slicer.pause();
    const W = solveRidge(ne, d, H, alpha * scale);
    if (!W) continue;
    const mse = valEnds.length ? await validationMse(spec, z, prefix, valEnds, W, slicer) : NaN;
    if (!best || mse < best.mse) best = { W, alpha, mse };
  }
  if (!best) throw new Error('ridge solve failed: the context holds non-finite values');
  return { weights: Float32Array.from(best.W), alpha: best.alpha, valMse: best.mse, normal: ne };
}

/** Refits with a known strength on more windows (e.g. training + validation). */
export function refitLinear(spec: EncodingSpec, ne: Normal, alpha: number): Float32Array {
  const d = contextSize(spec.context);
  const W = solveRidge(ne, d, spec.horizon, alpha * (meanDiagonal(ne, d) || 1));
  if (!W) throw new Error('ridge solve failed: the context holds non-finite values');
  return Float32Array.from(W);
}
