// The time grid of a series: its step (the median spacing of the timestamps), steps of whole
// calendar months, and the times of the steps after the last row. Pure, so every process uses the
// same answer. Callers: shared/series/season.ts and shared/model/train.ts (medianInterval),
// shared/buffer/ring-buffer.ts, main/files/grid.ts (calendar months), the CLI's forecast CSV
// (main/cli/commands/forecast.ts) and the page's forecast export (shared/eval/forecast-rows.ts).
import type { SeriesTable } from '../table';

export const DAY_MS = 86_400_000;
/** The mean calendar month (365.2425 / 12 days): the interval of a grid of whole months. */
export const MONTH_MS = 30.436875 * DAY_MS;

/**
 * Median difference of consecutive timestamps (the upper median, of at most `maxPairs` evenly
 * spread pairs; non-finite differences skipped), or null with fewer than two rows.
 * @param maxPairs Pairs looked at, at most. Default 65,536.
 */
export function medianInterval(time: ArrayLike<number> | null, maxPairs = 65_536): number | null {
  if (!time || time.length < 2) return null;
  const stride = Math.max(1, Math.floor((time.length - 1) / maxPairs));
  const d: number[] = [];
  for (let i = 1; i < time.length; i += stride) if (Number.isFinite(time[i] - time[i - 1])) d.push(time[i] - time[i - 1]);
  if (!d.length) return null;
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

/** Months since year 0 of a UTC time: consecutive calendar months differ by 1. */
export function monthIndex(t: number): number {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** True when every time is midnight UTC on the same day of month (monthly or yearly data). */
export function isCalendarMonthly(time: ArrayLike<number>): boolean {
  if (time.length < 2) return false;
  const day = new Date(time[0]).getUTCDate();
  for (let i = 0; i < time.length; i++) {
    const d = new Date(time[i]);
    if (d.getUTCDate() !== day || time[i] % DAY_MS !== 0) return false;
  }
  return true;
}

/** k when a step is k calendar months long (27 to 32 days a month: monthly, quarterly, yearly), else null. */
export function calendarMonths(stepMs: number): number | null {
  const k = Math.round(stepMs / MONTH_MS);
  return k >= 1 && stepMs >= 27 * DAY_MS * k && stepMs <= 32 * DAY_MS * k ? k : null;
}

/**
 * The times of the `horizon` steps after `origin`: whole calendar months when the step is k
 * months (so a forecast of monthly data stays on the same day of each month), else fixed steps.
 */
export function timesAfter(origin: number, stepMs: number, horizon: number): number[] {
  const months = calendarMonths(stepMs);
  return Array.from({ length: horizon }, (_, i) => {
    if (months === null) return origin + (i + 1) * stepMs;
    const d = new Date(origin);
    d.setUTCMonth(d.getUTCMonth() + months * (i + 1));
    return d.getTime();
  });
}

/** timesAfter the last row, in steps of the table's interval (default: the mean spacing); null for each step without a clock. */
export function futureTimes(table: Pick<SeriesTable, 'time' | 'intervalMs'>, horizon: number): (number | null)[] {
  const t = table.time;
  if (!t || t.length < 2) return Array.from({ length: horizon }, () => null);
  const last = t[t.length - 1];
  return timesAfter(last, table.intervalMs ?? (last - t[0]) / (t.length - 1), horizon);
}
