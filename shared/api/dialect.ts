// A CSV dialect for writing: delimiter, decimal mark and how times are written (the source file's
// layout, or the standard one: `,`, `.`, ISO UTC). main/files/dialect.ts reads it off an import
// report, the page keeps it with the file on screen and sends it back with an export; the
// CLI's `forecast --dialect` uses it too. Writing: main/files/time-layout.ts, forecast-csv.ts.
import { z } from 'zod';

export const timeLayoutSchema = z.strictObject({
  /** `iso` 2024-03-01 12:00, `dmy` 01.03.2024, `mdy` 03/01/2024, epoch numbers, or `index` (no clock: row numbers). */
  kind: z.enum(['iso', 'dmy', 'mdy', 'epoch-s', 'epoch-ms', 'index']),
  /** Between the date's parts. */
  dateSep: z.enum(['-', '/', '.']),
  /** `ym`: year and month only (`1949-01`); widened to a day where a time needs one. */
  date: z.enum(['ymd', 'ym']),
  /** Between date and clock. */
  joiner: z.enum(['T', ' ']),
  /** The clock's parts: none (dates), hours and minutes, or with seconds; widened where a time needs more. */
  clock: z.enum(['none', 'hm', 'hms']),
  /** Digits of a second's fraction (0 to 3). */
  fraction: z.number().int().min(0).max(3),
  /** Two-digit years (`07/29/16`), as HOBOware writes them. */
  year2: z.boolean(),
  /** 12-hour clock with AM/PM. */
  ampm: z.boolean(),
  /** Day, month and hour padded to two digits. */
  pad: z.boolean(),
  /**
   * `none`: wall-clock times without a zone (read as UTC); `Z`: ISO with Z; `offset`: each value
   * carries `offsetMinutes` (`+01:00`); `name`: the time column's name carries it (`GMT-04:00`).
   */
  zone: z.enum(['none', 'Z', 'offset', 'name']),
  /** Minutes east of UTC of the written wall clock (`offset` and `name`); else 0. */
  offsetMinutes: z.number().int().min(-18 * 60).max(18 * 60),
});
export type TimeLayout = z.infer<typeof timeLayoutSchema>;

export const csvDialectSchema = z.strictObject({
  delimiter: z.enum([',', ';', '\t', '|']),
  decimal: z.enum(['.', ',']),
  time: timeLayoutSchema,
  /** In words for the export control, e.g. `; and decimal comma, 01.03.2024 12:00`. */
  label: z.string().max(120),
});
export type CsvDialect = z.infer<typeof csvDialectSchema>;

/** How a standard CSV writes times: ISO 8601 in UTC with milliseconds (`2024-03-01T12:00:00.000Z`). */
export const ISO_UTC: TimeLayout = { kind: 'iso', dateSep: '-', date: 'ymd', joiner: 'T', clock: 'hms', fraction: 3, year2: false, ampm: false, pad: true, zone: 'Z', offsetMinutes: 0 };
/** Row numbers, for a series without a clock. */
export const ROW_INDEX: TimeLayout = { ...ISO_UTC, kind: 'index', zone: 'none' };

/** The standard dialect: `,`, decimal point, ISO UTC times (row numbers for a series without a clock). */
export function standardDialect(clock = true): CsvDialect {
  return { delimiter: ',', decimal: '.', time: clock ? ISO_UTC : ROW_INDEX, label: `comma and decimal point, ${clock ? 'ISO times in UTC' : 'row numbers'}` };
}

/** True when a dialect writes like the standard one (then there is no choice to offer). */
export function isStandardDialect(d: CsvDialect): boolean {
  const s = standardDialect(d.time.kind !== 'index');
  return d.delimiter === s.delimiter && d.decimal === s.decimal && (d.time.kind === 'index' || JSON.stringify(d.time) === JSON.stringify(s.time));
}
