// Time axis labels, pure: as precise as the tick spacing needs and no more. Milliseconds only
// when ticks are under a second apart; a 24-hour clock for live data; calendar labels (day,
// month, year) for daily, monthly and yearly data; the date before the first clock label and
// wherever the day changes. Callers: chart/forecast-chart.ts (the x axis's tick callback).
import { format } from 'date-fns';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** The date-fns pattern for ticks `stepMs` apart. */
export function tickPattern(stepMs: number): string {
  if (stepMs < SECOND) return 'HH:mm:ss.SSS';
  if (stepMs < MINUTE) return 'HH:mm:ss';
  if (stepMs < DAY) return 'HH:mm';
  if (stepMs < 28 * DAY) return 'd MMM yyyy';
  if (stepMs < 365 * DAY) return 'MMM yyyy';
  return 'yyyy';
}

/**
 * The label of the tick at `ms` (local time), ticks `stepMs` apart; `prevMs` is the tick before
 * it (null for the first), so a clock label carries its date where the day changes.
 */
export function tickLabel(ms: number, stepMs: number, prevMs: number | null): string {
  const pattern = tickPattern(stepMs);
  const clock = format(ms, pattern);
  if (stepMs >= DAY) return clock;
  const newDay = prevMs === null || format(prevMs, 'yyyy-MM-dd') !== format(ms, 'yyyy-MM-dd');
  return newDay ? `${format(ms, 'd MMM')} ${clock}` : clock;
}

/** Pixels one time label needs, with its padding. */
export const LABEL_PX = 90;

/**
 * chart.js's smallest time unit for ticks over `spanMs` on an axis `widthPx` wide: milliseconds
 * only when the labels that fit are under a second apart (chart.js otherwise makes a tick every
 * millisecond and shows every thousandth, each with its milliseconds).
 */
export function minTimeUnit(spanMs: number, widthPx: number): 'millisecond' | 'second' {
  const labels = Math.max(2, Math.floor(widthPx / LABEL_PX));
  return spanMs / labels < SECOND ? 'millisecond' : 'second';
}

/** How far apart the labels drawn are: ticks `tickStepMs` apart, as many as fit in `widthPx`. */
export function labelStep(tickStepMs: number, spanMs: number, widthPx: number): number {
  return Math.max(tickStepMs, spanMs / Math.max(2, Math.floor(widthPx / LABEL_PX)));
}

/** The tooltip's time: to the millisecond only for data sampled faster than once a second. */
export function tooltipPattern(intervalMs: number): string {
  if (intervalMs >= DAY) return 'd MMM yyyy';
  return intervalMs < SECOND ? 'yyyy-MM-dd HH:mm:ss.SSS' : 'yyyy-MM-dd HH:mm:ss';
}
