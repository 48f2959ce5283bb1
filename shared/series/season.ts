// Data preparation, step 2: the season length m, from the clock (monthly data -> 12, hourly ->
// 24, ...) or, without one, from a clear autocorrelation peak. Called by shared/model/train.ts and
// shared/eval/backtest.ts when the user gave no period.

export interface SeasonGuess {
  period: number;
  source: 'clock' | 'autocorrelation' | 'none';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Calendar seasons by sample interval: [lower ms, upper ms, period]. */
const CLOCK: [number, number, number][] = [
  [0.9 * 1000, 1.1 * 1000, 60],
  [0.9 * MINUTE, 1.1 * MINUTE, 60],
  [4.5 * MINUTE, 5.5 * MINUTE, 288],
  [9 * MINUTE, 11 * MINUTE, 144],
  [14 * MINUTE, 16 * MINUTE, 96],
  [29 * MINUTE, 31 * MINUTE, 48],
  [0.95 * HOUR, 1.05 * HOUR, 24],
  [0.95 * DAY, 1.05 * DAY, 7],
  [6.5 * DAY, 7.5 * DAY, 52],
  [27 * DAY, 32 * DAY, 12],
  [88 * DAY, 93 * DAY, 4],
];

/** Median difference of consecutive timestamps, or null. */
export function medianInterval(time: Float64Array | null): number | null {
  if (!time || time.length < 2) return null;
  const d: number[] = [];
  for (let i = 1; i < time.length; i++) if (Number.isFinite(time[i] - time[i - 1])) d.push(time[i] - time[i - 1]);
  if (!d.length) return null;
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

/** Autocorrelation of `x` (NaN skipped pairwise) at `lag`. */
export function autocorrelation(x: ArrayLike<number>, lag: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    sum += x[i];
    count++;
  }
  const mean = sum / Math.max(count, 1);
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    den += (x[i] - mean) ** 2;
    if (i >= lag && !Number.isNaN(x[i - lag])) num += (x[i] - mean) * (x[i - lag] - mean);
  }
  return den > 0 ? num / den : 0;
}

/**
 * Guesses the season length of `values` (one row per sample). The clock's candidate is taken when
 * the series holds at least 3 seasons; otherwise the highest autocorrelation peak (lags 2..n/3) of
 * the differenced series, if it is above 0.4; otherwise 1.
 */
export function detectPeriod(values: ArrayLike<number>, time: Float64Array | null, intervalMs: number | null): SeasonGuess {
  const n = values.length;
  const step = intervalMs ?? medianInterval(time);
  if (step !== null && step > 0) {
    const hit = CLOCK.find(([lo, hi]) => step >= lo && step <= hi);
    if (hit && n >= 3 * hit[2]) return { period: hit[2], source: 'clock' };
  }
  const diff = new Float64Array(Math.max(n - 1, 0));
  for (let i = 1; i < n; i++) diff[i - 1] = values[i] - values[i - 1];
  const maxLag = Math.floor(n / 3);
  let best = 0;
  let bestLag = 1;
  let prev = autocorrelation(diff, 1);
  let cur = maxLag >= 2 ? autocorrelation(diff, 2) : 0;
  for (let lag = 2; lag <= maxLag; lag++) {
    const next = lag + 1 <= maxLag ? autocorrelation(diff, lag + 1) : -Infinity;
    if (cur > prev && cur >= next && cur > best) {
      best = cur;
      bestLag = lag;
    }
    prev = cur;
    cur = next;
  }
  if (best > 0.4) return { period: bestLag, source: 'autocorrelation' };
  return { period: 1, source: 'none' };
}
