// File import, stage 3: the time column. Detects the format from a sample of values and parses
// each value to ms since the Unix epoch. Times without a zone are read as UTC, so the result
// never depends on the machine's time zone (a DST change in local wall-clock data then shows
// up as a 1-hour gap or a repeated hour, which the grid stage reports).
// Called by csv-importer.ts.

import { parsePlainDecimal } from './plain-decimal';

export type TimeFormat =
  | 'iso' // 2024-03-01T12:00:00Z, 2024-03-01 12:00, 2024-03-01, 2024/03/01 12:00:00.5, with or without zone
  | 'dmy' // 01.03.2024 12:00:00 (also 01/03/2024 when a day > 12 shows the order)
  | 'mdy' // 03/01/2024 12:00 (when a second field > 12 shows the order)
  | 'epoch-s' // 1709294400
  | 'epoch-ms' // 1709294400000
  | 'relative-ms' // device millis() in a column named millis/ms
  | 'index'; // 1, 2, 3 ... (no clock)

const ISO =
  /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DMY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

const TIME_NAMES = /^(t|time|timestamp|date|datetime|date_time|date\/time|zeit|datum|epoch|unix|unixtime|millis|ms|index|idx)$/i;
const RELATIVE_NAMES = /^(millis|ms)$/i;

/** True when a header name says "this is the time column". */
export function isTimeName(name: string): boolean {
  return TIME_NAMES.test(name.trim());
}

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(`0.${digits}`) * 1000;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function validParts(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
}

export function parseIso(s: string): number {
  const m = ISO.exec(s);
  if (!m) return Number.NaN;
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : 1;
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  if (!validParts(month, day, hour, minute, second)) return Number.NaN;
  return Date.UTC(Number(m[1]), month - 1, day, hour, minute, second) + fraction(m[7]) - zoneOffsetMs(m[8]);
}

function parseDayMonth(s: string, dayFirst: boolean): number {
  const m = DMY.exec(s);
  if (!m) return Number.NaN;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const day = dayFirst ? a : b;
  const month = dayFirst ? b : a;
  const hour = m[5] ? Number(m[5]) : 0;
  const minute = m[6] ? Number(m[6]) : 0;
  const second = m[7] ? Number(m[7]) : 0;
  if (!validParts(month, day, hour, minute, second)) return Number.NaN;
  return Date.UTC(Number(m[4]), month - 1, day, hour, minute, second) + fraction(m[8]);
}

function epochNumber(s: string): number {
  return parsePlainDecimal(s) ?? Number.NaN;
}

/** Returns a parser for one format: value -> ms since the epoch, or NaN when it does not parse. */
export function timeParser(format: TimeFormat): (s: string) => number {
  switch (format) {
    case 'iso':
      return parseIso;
    case 'dmy':
      return (s) => parseDayMonth(s, true);
    case 'mdy':
      return (s) => parseDayMonth(s, false);
    case 'epoch-s':
      return (s) => epochNumber(s) * 1000;
    case 'epoch-ms':
    case 'relative-ms':
    case 'index':
      return epochNumber;
  }
}

/**
 * Picks the time format that parses (nearly) every non-empty sample value, or null when the column
 * holds no times. `name` is the column's header (numbers count as times only in a column named
 * like one, e.g. `time`, `timestamp`, `millis`).
 */
export function detectTimeFormat(name: string, samples: string[]): TimeFormat | null {
  const values = samples.map((s) => s.trim()).filter((s) => s.length > 0);
  if (values.length === 0) return null;
  // Most values must parse; a column named like a time (`time`, `date`, ...) may hold a few bad ones.
  const needed = isTimeName(name) ? 0.5 : 0.9;
  const share = (test: (s: string) => boolean) => values.filter(test).length / values.length;
  if (share((s) => ISO.test(s) && !Number.isNaN(parseIso(s))) >= needed) {
    // A bare 4-digit number matches neither ISO branch, so years-only columns stay numeric.
    return 'iso';
  }
  if (share((s) => DMY.test(s)) >= needed) {
    const seconds = values.map((s) => Number(DMY.exec(s)?.[3] ?? 0));
    const sep = DMY.exec(values[0])?.[2];
    if (sep === '.') return 'dmy';
    // Slashes: month first only when a second field > 12 proves it; otherwise day first (documented).
    return seconds.some((v) => v > 12) ? 'mdy' : 'dmy';
  }
  if (share((s) => NUMERIC.test(s)) >= 0.9 && isTimeName(name)) {
    const nums = values.filter((s) => NUMERIC.test(s)).map(Number);
    const max = Math.max(...nums);
    if (RELATIVE_NAMES.test(name.trim())) return 'relative-ms';
    if (max >= 1e11 && max < 1e14) return 'epoch-ms';
    if (max >= 1e8 && max < 1e11) return 'epoch-s';
    return 'index';
  }
  return null;
}
