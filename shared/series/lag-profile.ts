// Data preparation helper for season detection (shared/series/season.ts): how alike a series is
// to itself k rows later, for every lag k at once, in O(n log n).
//
// The measure is the variogram V(k) = mean over t of (z[t + k] - z[t])^2, turned into a season
// strength s(m) = 1 - V(m) / mean(V(k) for k in [m/2, 3m/2]). Why not the plain autocorrelation:
// - For a stationary series s(m) equals the autocorrelation at lag m (the mean of V over one whole
//   period is 2 var), so it reads on the same 0..1 scale and the same thresholds apply.
// - Sensor data wander (weather, drift, random walks): their V grows with the lag, which lifts the
//   plain autocorrelation at every lag and hides the peaks, while differencing at lag 1 (today's
//   fix) drowns a slow cycle (1,440 rows a day) in the noise of the differences. A drift that grows
//   V linearly cancels between V(m) and its mean over the symmetric window [m/2, 3m/2], and a
//   concave V (a random walk, an AR(1)) gives s <= 0: no false season.
// - A cycle whose amplitude is small next to the drift over one cycle gets a low strength, which is
//   what we want: such a cycle does not help a forecast.

import { lagProducts } from './fft';

export interface LagProfile {
  /** Rows of the original series per row here (1, or the block size of a block-mean series). */
  factor: number;
  /** Rows in this (possibly downsampled) series. */
  n: number;
  /** Largest lag (in this series' rows) whose strength can be computed. */
  maxLag: number;
  /** V(k) for k = 0..variogram length - 1. */
  variogram: Float64Array;
  /** Prefix sums of `variogram` (cum[k] = V(0) + ... + V(k - 1)). */
  cum: Float64Array;
  /** The prepared series itself. */
  z: Float64Array;
  /** Its variance. */
  variance: number;
}

/**
 * The finite-valued copy of `values[from, to)`: gaps (NaN, +-Infinity) filled by linear
 * interpolation, the least-squares line removed (a trend adds (slope * k)^2 to V(k)), centred.
 * Null when fewer than 4 values are finite.
 */
export function prepareSeries(values: ArrayLike<number>, from = 0, to = values.length): Float64Array | null {
  const n = to - from;
  const z = new Float64Array(n);
  let last = -1;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const v = values[from + i];
    if (!Number.isFinite(v)) continue;
    z[i] = v;
    if (last < 0) z.fill(v, 0, i);
    else for (let j = last + 1; j < i; j++) z[j] = z[last] + ((v - z[last]) * (j - last)) / (i - last);
    last = i;
    finite++;
  }
  if (finite < 4) return null;
  z.fill(z[last], last + 1);
  // Least-squares line over i = 0..n-1.
  const tMean = (n - 1) / 2;
  let zMean = 0;
  for (let i = 0; i < n; i++) zMean += z[i];
  zMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - tMean) * (z[i] - zMean);
    sxx += (i - tMean) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  for (let i = 0; i < n; i++) z[i] -= zMean + slope * (i - tMean);
  return z;
}

/** Means of consecutive blocks of `factor` rows (the last, partial block dropped). */
export function blockMeans(z: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(Math.floor(z.length / factor));
  for (let b = 0; b < out.length; b++) {
    let s = 0;
    for (let i = b * factor; i < (b + 1) * factor; i++) s += z[i];
    out[b] = s / factor;
  }
  return out;
}

/** The variogram of a prepared series for lags up to 3/4 of its length (strengths up to n/2). */
export function lagProfile(z: Float64Array, factor: number): LagProfile {
  const n = z.length;
  const top = Math.min(n - 1, Math.ceil(0.75 * n) + 1);
  const c = lagProducts(z, top);
  const sq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) sq[i + 1] = sq[i] + z[i] * z[i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += z[i];
  // Why: the FFT leaves rounding noise (1e-16 of the variance) where V is exactly 0 (a signal that
  // repeats exactly, like a sketch's counter modulo 20); ratios of that noise made the multiples of
  // an exact cycle look like seasons of their own. Below this floor V is 0.
  const variance = Math.max(0, sq[n] / n - (sum / n) ** 2);
  const floor = 1e-9 * variance;
  const variogram = new Float64Array(top + 1);
  for (let k = 1; k <= top; k++) {
    // sum (z[t+k] - z[t])^2 = sum z[t]^2 (t < n-k) + sum z[t]^2 (t >= k) - 2 c[k]
    const v = (sq[n - k] + (sq[n] - sq[k]) - 2 * c[k]) / (n - k);
    variogram[k] = v > floor ? v : 0;
  }
  const cum = new Float64Array(top + 2);
  for (let k = 0; k <= top; k++) cum[k + 1] = cum[k] + variogram[k];
  // Strength at m needs V up to m + floor(m/2).
  return { factor, n, maxLag: Math.min(Math.floor(n / 2), Math.floor((2 * top) / 3)), variogram, cum, z, variance };
}

/** Season strength at lag `m` (in the profile's rows, 2 <= m <= maxLag): autocorrelation-like, <= 1. */
export function strengthAt(p: LagProfile, m: number): number {
  const lo = Math.max(1, m - Math.floor(m / 2));
  const hi = Math.min(p.variogram.length - 1, m + Math.floor(m / 2));
  const ref = (p.cum[hi + 1] - p.cum[lo]) / (hi - lo + 1);
  return ref > 0 ? 1 - p.variogram[m] / ref : 0;
}

/**
 * How much lag `l` adds over a shorter season `m` it is a multiple of: 1 - V(l) / mean of the
 * lowest V near l - m and near l + m (+-2 % of m: a season of 36.9 rows peaks at 37 and 73). A
 * weekly cycle on top of a daily one makes V(168) dip below V(144) and V(192); a mere multiple
 * (48 of a 24-row season) does not. `share`: the dip as a share of the series' variance (2 var is
 * V of unrelated rows), tiny where the shorter season already explains nearly everything.
 */
export function gainOver(p: LagProfile, l: number, m: number): { gain: number; share: number } {
  const d = Math.max(1, Math.ceil(0.02 * m));
  const low = (c: number): number => {
    let best = Infinity;
    for (let k = Math.max(1, c - d); k <= Math.min(p.variogram.length - 1, c + d); k++) best = Math.min(best, p.variogram[k]);
    return best;
  };
  const around = [low(l - m), low(l + m)].filter((v) => Number.isFinite(v));
  if (!around.length) return { gain: 0, share: 0 };
  const ref = around.reduce((a, b) => a + b, 0) / around.length;
  if (!(ref > 0)) return { gain: 0, share: 0 };
  const dip = ref - p.variogram[l];
  return { gain: dip / ref, share: p.variance > 0 ? dip / (2 * p.variance) : 0 };
}

/**
 * Independent pairs behind V(m): (n - m) * (1 - r) / (1 + r), r the lag-1 autocorrelation of the
 * differences z[t + m] - z[t] (an AR(1) approximation). A random walk's differences at lag m overlap
 * in m - 1 of m steps (r ~ 1 - 1/m): its long-lag dips rest on a handful of independent pairs and
 * reach strengths of 0.5 by chance; a real cycle's differences are the noise's, nearly independent.
 */
export function effectivePairs(p: LagProfile, m: number): number {
  const { z } = p;
  const count = z.length - m;
  if (count < 3) return 0;
  let mean = 0;
  for (let t = 0; t < count; t++) mean += z[t + m] - z[t];
  mean /= count;
  let num = 0;
  let den = 0;
  let prev = z[m] - z[0] - mean;
  den += prev * prev;
  for (let t = 1; t < count; t++) {
    const d = z[t + m] - z[t] - mean;
    num += d * prev;
    den += d * d;
    prev = d;
  }
  // All differences equal up to rounding (an exact cycle, maybe with the small slope that removing
  // the line from a partial last cycle leaves): every pair agrees, and each one counts.
  const r = den > 1e-9 * p.variance * count ? Math.max(0, num / den) : 0;
  return (count * (1 - r)) / (1 + r);
}
