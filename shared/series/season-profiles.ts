// Data preparation, step 2 (seasons): the lag profiles season.ts reads strengths, gains and peaks
// from: one at full resolution on the latest rows and, for long series, one on block means.
// The variogram behind them is lag-profile.ts.
import { blockMeans, effectivePairs, gainOver, lagProfile, prepareSeries, strengthAt, type LagProfile } from './lag-profile';

/**
 * A data-found season needs this strength (today's 0.4 on the differenced series, lowered a little
 * because the lag profile is not diluted by differencing noise; white noise and random walks of
 * 200..100k rows peak below 0.2), plus a margin for the sampling noise of V at long lags.
 */
export const DATA_MIN = 0.3;
/** A multiple of a season is a season of its own only if it lowers V by this much (weekly on daily). */
const GAIN_MIN = 0.1;
/**
 * ... and explain this share of the series' variance more: where the shorter season leaves almost
 * nothing (a sketch's exact counter), a relative gain of its leftovers is rounding, not a season.
 */
const SHARE_MIN = 0.01;
/** Lags compared at full resolution on at most this many of the latest rows; longer ones on block means. */
const FINE_ROWS = 1 << 17;

/** The full-resolution profile (latest FINE_ROWS rows) and, for longer series, one on block means. */
export class Profiles {
  readonly fine: LagProfile | null;
  readonly coarse: LagProfile | null;

  constructor(values: ArrayLike<number>) {
    const n = values.length;
    const fineZ = prepareSeries(values, Math.max(0, n - FINE_ROWS), n);
    this.fine = fineZ && fineZ.length >= 8 ? lagProfile(fineZ, 1) : null;
    let coarse: LagProfile | null = null;
    if (n > FINE_ROWS) {
      // Block means keep the FFT at 2^18 points whatever n (1M rows: blocks of 8); they also
      // average out noise, so strengths read a little higher than at full resolution.
      const factor = Math.ceil(n / FINE_ROWS);
      const z = prepareSeries(values);
      if (z) coarse = lagProfile(blockMeans(z, factor), factor);
    }
    this.coarse = coarse;
  }

  /** The profile that can measure a season of `rows` rows, with the lag in its units. */
  at(rows: number): { p: LagProfile; lag: number } | null {
    if (this.fine && rows <= this.fine.maxLag) return { p: this.fine, lag: rows };
    if (this.coarse) {
      const lag = Math.round(rows / this.coarse.factor);
      if (lag >= 2 && lag <= this.coarse.maxLag) return { p: this.coarse, lag };
    }
    return null;
  }

  strength(rows: number): number {
    const at = this.at(rows);
    return at ? strengthAt(at.p, at.lag) : 0;
  }

  /**
   * Whether an effect of size `x` (a strength, a gain) at lag `rows` stands out of the sampling
   * noise of V, whose relative sd is about sqrt(2 / independent pairs): `sd` of them.
   */
  significant(rows: number, x: number, sd: number): boolean {
    const at = this.at(rows);
    return at !== null && x >= sd * Math.sqrt(2 / Math.max(1, effectivePairs(at.p, at.lag)));
  }

  /**
   * Whether `rows` adds a season of its own over the shorter season `m` it is a multiple of (see
   * gainOver): by GAIN_MIN and SHARE_MIN, and by 3 sd of V's noise (nottem's 84 months is 7 years of the same
   * yearly cycle, but V(84) rests on 156 pairs and dips 10 % below V(72) by chance).
   */
  adds(rows: number, m: number): boolean {
    const at = this.at(rows);
    if (!at) return false;
    const { gain, share } = gainOver(at.p, at.lag, Math.max(1, Math.round(m / at.p.factor)));
    return gain >= GAIN_MIN && share >= SHARE_MIN && this.significant(rows, gain, 3);
  }

  /**
   * The season near `rows` that best fits all its multiples: the lag m' within 3 % minimising
   * V(m') + V(2m') + ... The peak of V at one lag jitters with the noise (a 600-row cycle in 10 Hz
   * data peaks anywhere in 592..608); J multiples pin it J times closer.
   */
  refine(rows: number): number {
    const at = this.at(rows);
    if (!at) return rows;
    const { p, lag } = at;
    const d = Math.max(1, Math.ceil(0.03 * lag));
    const top = Math.min(p.variogram.length - 1, p.maxLag);
    let best = lag;
    let bestScore = Infinity;
    for (let m = Math.max(2, lag - d); m <= lag + d; m++) {
      const count = Math.floor(top / (lag + d));
      if (count < 1) return rows;
      let score = 0;
      for (let j = 1; j <= count; j++) score += p.variogram[j * m];
      if (score < bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return best * p.factor;
  }

  /**
   * Local strength maxima above the data threshold with at least 3 cycles in the data, ascending,
   * in rows of the original series. Three, not two: a stretch of drift seen twice looks like a
   * cycle (ETTh1's oil temperature "repeats" after 351 days in its 2 years); the calendar seasons,
   * which need only 2, have the clock's word for it.
   */
  peaks(): { rows: number; strength: number }[] {
    const out: { rows: number; strength: number }[] = [];
    const scan = (p: LagProfile, from: number): void => {
      const last = Math.min(p.maxLag, Math.floor(p.n / 3));
      const s = new Float64Array(last + 2).fill(-Infinity);
      for (let k = Math.max(2, from); k <= last; k++) s[k] = strengthAt(p, k);
      for (let k = Math.max(2, from); k <= last; k++) {
        if (s[k] < DATA_MIN || s[k] < s[k - 1] || s[k] <= s[k + 1]) continue;
        // A true peak dominates its neighbourhood (+-5 %, at most 64 lags), not just the next lag.
        const w = Math.min(64, Math.floor(k / 20));
        let top = true;
        for (let j = Math.max(2, k - w); j <= Math.min(last, k + w) && top; j++) top = s[j] <= s[k];
        if (top) out.push({ rows: k * p.factor, strength: s[k] });
      }
    };
    if (this.fine) scan(this.fine, 2);
    if (this.coarse) scan(this.coarse, this.fine ? Math.floor(this.fine.maxLag / this.coarse.factor) + 1 : 2);
    return out;
  }
}

/** True when `l` is within 3 % of a multiple j >= 1 of `m`. */
export function nearMultiple(l: number, m: number): boolean {
  const j = Math.round(l / m);
  return j >= 1 && Math.abs(l - j * m) <= Math.max(1, 0.03 * l);
}
