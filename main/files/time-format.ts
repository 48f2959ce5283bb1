// File import, stage 3: the time column. Detects the format from a sample of values and parses
// each value to ms since the Unix epoch. Times without a zone are read as UTC, so the result
// never depends on the machine's time zone (a DST change in local wall-clock data then shows
// up as a 1-hour gap or a repeated hour, which the grid stage reports).
// Called by csv-importer.ts.

import { parsePlainDecimal } from './plain-decimal';

export type TimeFormat =
  | 'iso' // 2024-03-01T12:00:00Z, 2024-03-01 12:00, 2024-03-01, 2024/03/01 12:00:00.5, with or without zone
  | 'dmy' // 01.03.2024 12:00:00 (also 01/03/2024, 01/03/24 01:00:00 PM)
  | 'mdy' // 03/01/2024 12:00, 07/29/16 10:26:34 AM (when a second field > 12 or the steps show the order)
  | 'epoch-s' // 1709294400
  | 'epoch-ms' // 1709294400000
  | 'relative-ms' // device millis() in a column named millis/ms
  | 'index'; // 1, 2, 3 ... (no clock)

const ISO =
  /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// Day and month in either order, a 4- or 2-digit year (HOBOware writes 07/29/16), AM/PM.
const DMY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

const TIME_NAMES = /^(t|time|timestamp|date|datetime|date_time|date time|date\/time|zeit|datum|epoch|unix|unixtime|millis|ms|index|idx)$/i;
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

/** The 24-hour hour of a 12-hour clock (`12:05 AM` is 00:05, `12:05 PM` 12:05); NaN past 12. */
function hour24(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  if (hour < 1 || hour > 12) return Number.NaN;
  return (hour % 12) + (ampm === 'p' || ampm === 'P' ? 12 : 0);
}

/** A 2-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999 (as spreadsheets read them). */
function fullYear(digits: string): number {
  const y = Number(digits);
  return digits.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

export function parseIso(s: string): number {
  const m = ISO.exec(s);
  if (!m) return Number.NaN;
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : 1;
  const hour = m[4] ? hour24(Number(m[4]), m[8]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  if (!validParts(month, day, hour, minute, second)) return Number.NaN;
  return Date.UTC(Number(m[1]), month - 1, day, hour, minute, second) + fraction(m[7]) - zoneOffsetMs(m[9]);
}

function parseDayMonth(s: string, dayFirst: boolean): number {
  const m = DMY.exec(s);
  if (!m) return Number.NaN;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const day = dayFirst ? a : b;
  const month = dayFirst ? b : a;
  const hour = m[5] ? hour24(Number(m[5]), m[9]) : 0;
  const minute = m[6] ? Number(m[6]) : 0;
  const second = m[7] ? Number(m[7]) : 0;
  if (!validParts(month, day, hour, minute, second)) return Number.NaN;
  return Date.UTC(fullYear(m[4]), month - 1, day, hour, minute, second) + fraction(m[8]);
}

function epochNumber(s: string): number {
  return parsePlainDecimal(s) ?? Number.NaN;
}

/**
 * Returns a parser for one format: value -> ms since the epoch, or NaN when it does not parse.
 * `zoneOffsetMs`: the zone of wall-clock values (from the column's name, e.g. `GMT-04:00`), subtracted.
 */
export function timeParser(format: TimeFormat, zoneOffsetMs = 0): (s: string) => number {
  if (zoneOffsetMs !== 0) {
    const parse = timeParser(format);
    return (s) => parse(s) - zoneOffsetMs;
  }
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

/** Sum of the absolute steps between consecutive parsed values (smaller: the more plausible reading). */
function roughness(values: string[], dayFirst: boolean): number {
  let sum = 0;
  let prev = Number.NaN;
  for (const s of values) {
    const t = parseDayMonth(s, dayFirst);
    if (Number.isNaN(t)) continue;
    if (!Number.isNaN(prev)) sum += Math.abs(t - prev);
    prev = t;
  }
  return sum;
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
    const firsts = values.map((s) => Number(DMY.exec(s)?.[1] ?? 0));
    const seconds = values.map((s) => Number(DMY.exec(s)?.[3] ?? 0));
    const sep = DMY.exec(values[0])?.[2];
    if (sep === '.') return 'dmy';
    // Slashes: month first when a second field > 12 proves it, day first when a first field does;
    // else the order whose times step more evenly (06/01 -> 06/02 is a day as m/d, a month as d/m);
    // else day first (documented).
    if (seconds.some((v) => v > 12)) return 'mdy';
    if (firsts.some((v) => v > 12)) return 'dmy';
    return roughness(values, false) < roughness(values, true) ? 'mdy' : 'dmy';
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
