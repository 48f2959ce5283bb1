// Data preparation, step 2 (seasons): what a season is, and the calendar cycles of a sampling
// interval (a day is 1,440 rows of minute data). Shared by season.ts (detection) and
// season-periods.ts (seasons a user gives).

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

export const DAY = 86_400_000;
export const CALENDAR: [string, number][] = [
  ['daily', DAY],
  ['weekly', 7 * DAY],
  ['yearly', 365.25 * DAY],
];

export interface Calendar {
  rows: number;
  label: string;
  /** Taken from the clock alone (with 3 cycles): monthly -> 12, quarterly -> 4, daily -> 7, weekly -> 52. */
  trusted: boolean;
}

/** The calendar cycles that are a whole number of rows (within 5 %) of data sampled every `step` ms. */
export function calendarCycles(step: number): Calendar[] {
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

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The seasons sorted ascending, with the primary one (the shortest, 1 if none) and its source. */
export function info(seasons: Season[], source?: SeasonInfo['source']): SeasonInfo {
  seasons.sort((a, b) => a.period - b.period);
  return { seasons, period: seasons[0]?.period ?? 1, source: source ?? seasons[0]?.source ?? 'none' };
}
