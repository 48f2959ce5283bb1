// Forecasts as CSV, all through csv-export.ts (formula-safe, one writer):
//  - the app's export (`t,actual,forecast,lower,upper,baseline,residual`, one row per time), in
//    the source file's dialect or the standard one (dialect.ts): app-services.ts (exportForecasts);
//  - `sensorcast forecast` (`step,t,forecast,lower,upper`), likewise: main/cli/commands/forecast.ts;
//  - `sensorcast evaluate --out` (`origin,step,t,actual,forecast,lower,upper,method`):
//    main/cli/commands/evaluate.ts, a few lines per origin as they come.
import type { z } from 'zod';

import type { exportRowSchema } from '../../shared/api/contract';
import { standardDialect, type CsvDialect } from '../../shared/api/dialect';
import { DAY_MS } from '../../shared/series/time-grid';
import type { SeriesTable } from '../../shared/table';

import { csvLine, csvText, type Cell } from './csv-export';
import { numberWriter } from './dialect';
import { columnWriter, timeHeader } from './time-layout';

type ExportRow = z.infer<typeof exportRowSchema>;

export const FORECAST_CSV_HEADER = 't,actual,forecast,lower,upper,baseline,residual';

/**
 * The app's export in `dialect` (default: the standard one); numbers keep all their digits, missing
 * values stay empty, never 0. @param _channel The target channel (kept out of the cells: a device label is untrusted text).
 */
export function formatForecastCsv(_channel: string, rows: readonly ExportRow[], dialect: CsvDialect = standardDialect()): string {
  const time = columnWriter(dialect.time, rows.map((r) => r[0]));
  const num = numberWriter(dialect.decimal);
  const lines: Cell[][] = [[timeHeader(time.layout), ...FORECAST_CSV_HEADER.split(',').slice(1)]];
  for (const [t, ...rest] of rows) lines.push([time.write(t), ...rest.map(num)]);
  return csvText(lines, dialect.delimiter);
}

/** A CLI number: 7 significant digits, empty when not finite. */
export const cliNumber = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(7))) : '');

/** CLI times: the date only when every time of the table is midnight UTC, else full ISO; empty for null. */
export function timeFormatter(table: SeriesTable): (t: number | null) => string {
  const dateOnly = table.time ? table.time.every((x) => Number.isNaN(x) || x % DAY_MS === 0) : false;
  return (t) => (t === null ? '' : dateOnly ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString());
}

/**
 * `sensorcast forecast`'s CSV: one row per step (`times`: ms, null without a clock), numbers to 7
 * significant digits. `dialect` null: the standard CSV, times as timeFormatter(table) writes them;
 * else the dialect's delimiter, decimal mark and time layout (a table without a clock leaves `t` empty).
 */
export function forecastStepsCsv(table: SeriesTable, times: readonly (number | null)[], r: { mean: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> }, dialect: CsvDialect | null = null): string {
  const num = numberWriter(dialect?.decimal ?? '.', 7);
  const column = dialect && dialect.time.kind !== 'index' ? columnWriter(dialect.time, times) : null;
  const write = column ? column.write : timeFormatter(table);
  const lines: Cell[][] = [['step', column ? timeHeader(column.layout) : 't', 'forecast', 'lower', 'upper']];
  for (let h = 0; h < times.length; h++) lines.push([h + 1, write(times[h]), num(r.mean[h]), num(r.lower[h]), num(r.upper[h])]);
  return csvText(lines, dialect?.delimiter);
}

export const EVALUATE_CSV_HEADER = csvLine(['origin', 'step', 't', 'actual', 'forecast', 'lower', 'upper', 'method']);

/** `evaluate --out`: the lines of one origin's forecast (no header), each ended by `\n`. */
export function evaluateRowsCsv(origin: number, method: string, times: readonly string[], actual: ArrayLike<number>, r: { mean: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> }): string {
  const lines: Cell[][] = [];
  for (let h = 0; h < r.mean.length; h++) lines.push([origin, h + 1, times[h], cliNumber(actual[h]), cliNumber(r.mean[h]), cliNumber(r.lower[h]), cliNumber(r.upper[h]), method]);
  return csvText(lines);
}
