// Seasons a user gives: "24,168" or "1d,7d" parsed into rows, checked against the series, and
// described for the CLI and the app ("daily 1,440 rows, weekly 10,080 rows"). Called through
// season.ts by the CLI (`--period`) and the renderer.
import { EngineError } from '../errors';

import { CALENDAR, calendarCycles, info, type Season, type SeasonInfo } from './season-calendar';
import { formatCount, formatSpan, parseSpanMs } from './time-span';

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
