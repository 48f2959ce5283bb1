// Data preparation, step 2: the seasons of a series, from the calendar (the timestamps' interval:
// a day is 1,440 rows of minute data) confirmed by the data, and from the data alone (a 60 s cycle
// in 10 Hz serial data). Called by shared/model/train.ts and shared/eval/backtest.ts (through
// `detectPeriod` or `detectSeasons`), the CLI (`--period`: `parsePeriods`, `checkGivenPeriods`)
// and the renderer (`describeSeasons`). The lag profile behind it is shared/series/lag-profile.ts.

import { EngineError } from '../errors';

import { blockMeans, effectivePairs, gainOver, lagProfile, prepareSeries, strengthAt, type LagProfile } from './lag-profile';
import { medianInterval } from './time-grid';
import { formatCount, formatSpan, parseSpanMs } from './time-span';

/** Re-exported for shared/model/train.ts; the helper lives in time-grid.ts. */

export interface Season {
  /** Season length in rows. */
  period: number;
  source: 'clock' | 'autocorrelation' | 'given';
  /** 'daily', 'weekly', 'yearly'; else the length in time ("60 s") or, without a clock, "600 rows". */
  label: string;
  /** Autocorrelation-like strength at the lag, 0..1 (see lag-profile.ts); 0 when not measured. */
  strength: number;
}

export interface SeasonInfo {
  /** Ascending period, at most MAX_SEASONS. */
  seasons: Season[];
  /** The primary season: the shortest one, 1 if none (seasonal naive, MASE). */
  period: number;
  source: 'given' | 'clock' | 'autocorrelation' | 'none';
  /** For given periods: a note for the user (a period that matches no calendar cycle of the data). */
  warning?: string;
}

/** Today's single-season answer, kept for the callers that need one period. */
export interface SeasonGuess {
  period: number;
  source: 'clock' | 'autocorrelation' | 'none';
}

const DAY = 86_400_000;
const CALENDAR: [string, number][] = [
  ['daily', DAY],
  ['weekly', 7 * DAY],
  ['yearly', 365.25 * DAY],
];

/** At most this many seasons: more add little to seasonal lags and confuse the reader. */
const MAX_SEASONS = 3;
/**
 * A calendar season is confirmed at this strength. Lower than DATA_MIN because the calendar is a
 * prior: a daily cycle explaining 20 % of the variance of minute data is worth modelling.
 */
const CALENDAR_MIN = 0.2;
/**
 * A data-found season needs this strength (today's 0.4 on the differenced series, lowered a little
 * because the lag profile is not diluted by differencing noise; white noise and random walks of
 * 200..100k rows peak below 0.2), plus a margin for the sampling noise of V at long lags.
 */
const DATA_MIN = 0.3;
/** A multiple of a season is a season of its own only if it lowers V by this much (weekly on daily). */
const GAIN_MIN = 0.1;
/** Lags compared at full resolution on at most this many of the latest rows; longer ones on block means. */
const FINE_ROWS = 1 << 17;

interface Calendar {
  rows: number;
  label: string;
  /** Taken from the clock alone (with 3 cycles): monthly -> 12, quarterly -> 4, daily -> 7, weekly -> 52. */
  trusted: boolean;
}

/** The calendar cycles that are a whole number of rows (within 5 %) of data sampled every `step` ms. */
function calendarCycles(step: number): Calendar[] {
  const out: Calendar[] = [];
  for (const [label, span] of CALENDAR) {
    const exact = span / step;
    const rows = Math.round(exact);
    if (rows < 2 || Math.abs(exact - rows) > 0.05 * exact) continue;
    // Daily or coarser data have few cycles (48 months = 4 years) and short seasons: today's clock
    // answer stands (the honest pick still chooses between seasonal and plain methods on held-out
    // data). Finer data have long seasons that must show in the data before we build on them.
    out.push({ rows, label, trusted: step >= 0.95 * DAY && rows <= 52 });
  }
  return out;
}

/** Autocorrelation of `x` (NaN skipped pairwise) at `lag`, O(n): for one lag; season scans use lag-profile.ts. */
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

/** The full-resolution profile (latest FINE_ROWS rows) and, for longer series, one on block means. */
class Profiles {
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
   * gainOver): by GAIN_MIN, and by 3 sd of V's noise (nottem's 84 months is 7 years of the same
   * yearly cycle, but V(84) rests on 156 pairs and dips 10 % below V(72) by chance).
   */
  adds(rows: number, m: number): boolean {
    const at = this.at(rows);
    if (!at) return false;
    const gain = gainOver(at.p, at.lag, Math.max(1, Math.round(m / at.p.factor)));
    return gain >= GAIN_MIN && this.significant(rows, gain, 3);
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
function nearMultiple(l: number, m: number): boolean {
  const j = Math.round(l / m);
  return j >= 1 && Math.abs(l - j * m) <= Math.max(1, 0.03 * l);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function info(seasons: Season[], source?: SeasonInfo['source']): SeasonInfo {
  seasons.sort((a, b) => a.period - b.period);
  return { seasons, period: seasons[0]?.period ?? 1, source: source ?? seasons[0]?.source ?? 'none' };
}

/**
 * The seasons of `values` (one row per sample; `time` and/or `intervalMs` give the clock).
 * 1. Calendar cycles of the interval (day, week, year in rows) with at least 2 whole cycles in the
 *    data, confirmed by a strength >= CALENDAR_MIN (the coarse ones are trusted with 3 cycles); a
 *    longer one must add to the shorter one it is a multiple of (weekly over daily).
 * 2. Cycles found in the data (local strength peaks >= DATA_MIN, up to n/2 rows), the fundamental
 *    first: a multiple of a kept season is only kept if it adds to it, and 1/2, 1/3, 1/4 of a
 *    calendar season is the calendar shape's harmonic, not a season.
 * At most MAX_SEASONS, calendar ones first, then the strongest; ascending.
 */
export function detectSeasons(values: ArrayLike<number>, time: Float64Array | null, intervalMs: number | null): SeasonInfo {
  const n = values.length;
  const step = intervalMs ?? medianInterval(time);
  const clock = step !== null && step > 0 && Number.isFinite(step);
  if (n < 8) return info([]);
  const prof = new Profiles(values);
  const kept: Season[] = [];
  // A season near a multiple of a kept one must add to it (weekly over daily); the same one never.
  const addsToKept = (rows: number): boolean =>
    kept.every((s) => !nearMultiple(rows, s.period) || (Math.round(rows / s.period) > 1 && prof.adds(rows, s.period)));

  for (const c of clock ? calendarCycles(step) : []) {
    if (n < 2 * c.rows) continue;
    const strength = prof.strength(c.rows);
    const ok = c.trusted ? n >= 3 * c.rows : strength >= CALENDAR_MIN && addsToKept(c.rows);
    if (ok) kept.push({ period: c.rows, source: 'clock', label: c.label, strength: clamp01(strength) });
  }
  const calendar = kept.slice();
  const found: Season[] = [];
  let checks = 0;
  for (const peak of prof.peaks()) {
    if (!addsToKept(peak.rows)) continue;
    if (calendar.some((c) => [2, 3, 4].some((j) => Math.abs(c.period / j - peak.rows) <= Math.max(1, 0.03 * peak.rows)))) continue;
    // O(n) each: a series with more than a few dozen distinct candidate cycles has none that matters.
    // 4 sd: the scan looks at thousands of lags.
    if (++checks > 32 || !prof.significant(peak.rows, peak.strength, 4)) continue;
    const rows = prof.refine(peak.rows);
    if (rows !== peak.rows && !addsToKept(rows)) continue;
    const season: Season = { period: rows, source: 'autocorrelation', label: clock ? formatSpan(rows * step) : `${formatCount(rows)} rows`, strength: clamp01(prof.strength(rows)) };
    kept.push(season);
    found.push(season);
  }
  found.sort((a, b) => b.strength - a.strength);
  return info([...calendar, ...found].slice(0, MAX_SEASONS));
}

/** The primary season only (today's API): the shortest season detectSeasons keeps, else 1. */
export function detectPeriod(values: ArrayLike<number>, time: Float64Array | null, intervalMs: number | null): SeasonGuess {
  const found = detectSeasons(values, time, intervalMs);
  return { period: found.period, source: found.source === 'given' ? 'clock' : found.source };
}

/**
 * "daily 1,440 rows, weekly 10,080 rows", "60 s = 600 rows", "37 rows", or "none". `intervalMs`
 * gives a time to seasons labelled only in rows (e.g. given before the interval was known).
 */
export function describeSeasons(seasons: SeasonInfo, intervalMs: number | null): string {
  if (!seasons.seasons.length) return 'none';
  return seasons.seasons
    .map((s) => {
      const rows = `${formatCount(s.period)} rows`;
      if (CALENDAR.some(([label]) => label === s.label)) return `${s.label} ${rows}`;
      if (!s.label.endsWith(' rows')) return `${s.label} = ${rows}`;
      return intervalMs !== null && intervalMs > 0 ? `${formatSpan(s.period * intervalMs)} = ${rows}` : rows;
    })
    .join(', ');
}

/**
 * Season lengths typed by a user: "24,168" -> [24, 168]; with an interval also time spans
 * ("1d,7d" on hourly data -> [24, 168]). Throws BAD_OPTION with the fix.
 */
export function parsePeriods(text: string, intervalMs: number | null = null): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (!parts.length || parts.some((p) => p === '')) throw new EngineError('BAD_OPTION', `{period} "${text}" is empty or has an empty entry`, 'give season lengths in rows separated by commas, e.g. {period} 24,168');
  return parts.map((p) => {
    if (/^\d+$/.test(p)) {
      const rows = Number(p);
      if (rows < 1) throw new EngineError('BAD_OPTION', `{period} ${p}: a season is at least 1 row`, 'give a whole number of rows >= 1 (1 = no season)');
      return rows;
    }
    const ms = parseSpanMs(p);
    if (ms === null) throw new EngineError('BAD_OPTION', `{period} "${p}" is neither a number of rows nor a time span`, 'give rows (24) or a time span (1d, 7d, 60s, 10min)');
    if (intervalMs === null || !(intervalMs > 0)) throw new EngineError('BAD_OPTION', `{period} ${p} is a time span, but the data have no clock to convert it to rows`, 'give the season in rows instead, e.g. {period} 24');
    const exact = ms / intervalMs;
    const rows = Math.round(exact);
    if (rows < 1 || Math.abs(exact - rows) > 0.01 * exact) {
      throw new EngineError('BAD_OPTION', `{period} ${p} is ${Number(exact.toPrecision(4))} rows of ${formatSpan(intervalMs, 1)} data, not a whole number`, `give a span that is a multiple of ${formatSpan(intervalMs, 1)}, or rows`);
    }
    return rows;
  });
}

/**
 * Checks user-given periods against a series of `n` rows: whole numbers >= 1, at most n/2 (a season
 * needs 2 cycles to learn from). A period that is no calendar cycle of the data is kept (users know
 * cycles we cannot) but comes with a warning when the data do have calendar cycles.
 */
export function checkGivenPeriods(periods: number[], n: number, intervalMs: number | null): SeasonInfo {
  for (const p of periods) {
    if (!Number.isInteger(p) || p < 1) throw new EngineError('BAD_OPTION', `season length ${p} is not a whole number of rows >= 1`, 'give whole numbers of rows, e.g. {period} 24,168');
    if (p > 1 && p > n / 2) {
      throw new EngineError('BAD_OPTION', `season length ${formatCount(p)} rows is longer than half the series (${formatCount(n)} rows): a season needs 2 cycles`, `give a period of at most ${formatCount(Math.floor(n / 2))} rows, or more data`);
    }
  }
  const cycles = intervalMs !== null && intervalMs > 0 ? calendarCycles(intervalMs).filter((c) => 2 * c.rows <= n) : [];
  const unique = [...new Set(periods.filter((p) => p > 1))];
  const seasons: Season[] = unique.map((p) => {
    const cal = cycles.find((c) => c.rows === p);
    const label = cal ? cal.label : intervalMs !== null && intervalMs > 0 ? formatSpan(p * intervalMs) : `${formatCount(p)} rows`;
    return { period: p, source: 'given', label, strength: 0 };
  });
  const result = info(seasons, 'given');
  const odd = unique.filter((p) => !cycles.some((c) => c.rows === p));
  if (odd.length && cycles.length && intervalMs !== null) {
    const list = cycles.map((c) => `${c.label} = ${formatCount(c.rows)}`).join(', ');
    result.warning = `season ${odd.map(formatCount).join(', ')} rows (${odd.map((p) => formatSpan(p * intervalMs)).join(', ')}) matches no calendar cycle of ${formatSpan(intervalMs, 1)} data (${list} rows); kept as given`;
  }
  return result;
}
