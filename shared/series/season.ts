// Data preparation, step 2: the seasons of a series, from the calendar (the timestamps' interval:
// a day is 1,440 rows of minute data) confirmed by the data, and from the data alone (a 60 s cycle
// in 10 Hz serial data). Called by shared/model/train.ts and shared/eval/backtest.ts (through
// `detectPeriod` or `detectSeasons`), the CLI (`--period`: `parsePeriods`, `checkGivenPeriods`)
// and the renderer (`describeSeasons`), which season-periods.ts serves. The lag profiles behind it
// are season-profiles.ts and lag-profile.ts; the calendar cycles season-calendar.ts.
import { calendarCycles, clamp01, info, type Season, type SeasonInfo } from './season-calendar';
import { nearMultiple, Profiles } from './season-profiles';
import { medianInterval } from './time-grid';
import { formatCount, formatSpan } from './time-span';

export type { Season, SeasonInfo } from './season-calendar';
export { checkGivenPeriods, describeSeasons, parsePeriods } from './season-periods';

/** Today's single-season answer, kept for the callers that need one period. */
export interface SeasonGuess {
  period: number;
  source: 'clock' | 'autocorrelation' | 'none';
}

/** At most this many seasons: more add little to seasonal lags and confuse the reader. */
const MAX_SEASONS = 3;
/**
 * A calendar season is confirmed at this strength. Lower than DATA_MIN because the calendar is a
 * prior: a daily cycle explaining 20 % of the variance of minute data is worth modelling.
 */
const CALENDAR_MIN = 0.2;

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
