// File export: rows -> CSV text that spreadsheets open safely. Cells that start with `=`, `+`,
// `-`, `@`, tab or CR are prefixed with `'` so Excel/LibreOffice never run them as formulas
// (CSV/formula injection, OWASP); numbers, including negative ones in either decimal mark, stay numbers. The one CSV
// writer behind every CSV the app writes: the recorder (main/recorder/recorder.ts), the forecast
// files (forecast-csv.ts: the app's export, `sensorcast forecast` and `evaluate --out`); tableToCsv
// and exportCsv write a whole SeriesTable.
import { writeFile } from 'node:fs/promises';

import type { SeriesTable } from '../../shared/table';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** What a cell may hold: text (checked for formulas), a number (NaN and infinities empty) or nothing. */
export type Cell = string | number | null | undefined;

/** One CSV cell: formula-looking text defused, quoted when it holds a delimiter, quote or newline. */
export function escapeCell(value: Cell, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  // Why: a cell like =HYPERLINK(...) or @SUM(...) runs as a formula when the file is opened.
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line (no line end). */
export function csvLine(cells: readonly Cell[], delimiter = ','): string {
  return cells.map((c) => escapeCell(c, delimiter)).join(delimiter);
}

/** CSV text: one line per row (a header is a row), each ended by `\n`. */
export function csvText(rows: Iterable<readonly Cell[]>, delimiter = ','): string {
  let out = '';
  for (const row of rows) out += `${csvLine(row, delimiter)}\n`;
  return out;
}

export interface ExportOptions {
  /** Field delimiter. Default `,`. */
  delimiter?: string;
  /** Name of the time column. Default `time`. */
  timeHeader?: string;
  /** How times are written. Default `iso` (UTC, ms). */
  timeFormat?: 'iso' | 'epoch-ms';
}

/** A SeriesTable as CSV text: a header line, then one line per row; NaN becomes an empty cell. */
export function tableToCsv(table: SeriesTable, options: ExportOptions = {}): string {
  const d = options.delimiter ?? ',';
  const rows = table.channels[0]?.values.length ?? table.time?.length ?? 0;
  const lines: Cell[][] = [[...(table.time ? [options.timeHeader ?? 'time'] : []), ...table.channels.map((c) => c.name)]];
  for (let i = 0; i < rows; i++) {
    const cells: Cell[] = [];
    if (table.time) cells.push(options.timeFormat === 'epoch-ms' ? table.time[i] : new Date(table.time[i]).toISOString());
    for (const c of table.channels) cells.push(c.values[i]);
    lines.push(cells);
  }
  return csvText(lines, d);
}

/** Writes a SeriesTable to a CSV file. */
export async function exportCsv(path: string, table: SeriesTable, options: ExportOptions = {}): Promise<void> {
  await writeFile(path, tableToCsv(table, options), 'utf8');
}
