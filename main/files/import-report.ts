// File import, the report: what the importer detected, skipped or repaired, as data and as
// plain-language notes for the user. Filled by csv-importer.ts; shown by the app and the CLI.
import type { TextEncodingName } from './encoding';
import type { GridReport } from './grid';
import type { HeaderLayout } from './header-detect';
import type { DecimalMark, Delimiter, Dialect } from './sniff';
import type { TimeFormat } from './time-format';

/** A problem counted by kind, with the first few line numbers (1-based, physical lines). */
export interface LineIssues {
  count: number;
  /** Up to 100 line numbers. */
  lines: number[];
}

export interface ImportReport {
  path: string;
  bytes: number;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  decimal: DecimalMark;
  header: boolean;
  /** Every column of the file, by (unique) name. */
  columns: string[];
  timeColumn: string | null;
  timeFormat: TimeFormat | null;
  /** `given`: times carry a zone or are epoch numbers; `utc-assumed`: wall-clock times without a zone, read as UTC. */
  timeZone: 'given' | 'utc-assumed' | null;
  /** Data rows read (not counting the header or blank lines). */
  rows: number;
  /** Missing values (empty, NA, -, #N/A, ...) per value column. */
  missing: Record<string, number>;
  /** Non-numeric values per value column (read as missing). */
  invalid: Record<string, LineIssues>;
  /** Rows with a different field count than the header: skipped, never shifted. */
  ragged: LineIssues;
  /** Rows whose time did not parse: skipped. */
  badTime: LineIssues;
  /** Header names with control characters (a NUL byte, ...) removed: the raw name and the name used. */
  cleanedHeaders: { raw: string; name: string; column: number }[];
  duplicateHeaders: { name: string; renamedTo: string; column: number }[];
  /** Text columns, not imported. */
  skippedColumns: string[];
  grid: GridReport;
  /** True when the file was not read to its end as it was at the start. */
  partial: boolean;
  partialReason?: string;
  /** Plain-language notes for the user, one per thing worth knowing. */
  notes: string[];
  /** 1-based line of the header row (below any metadata lines); null when the file has none. */
  headerLine?: number | null;
  /** Lines around the header that are not data, blanked out: Excel's `sep=`, metadata, units, processing rows. */
  skippedLines?: HeaderLayout['skipped'];
  /** Unit per value column, where the file names one (a units row, or the header name). */
  units?: Record<string, string>;
  /** Logger columns not imported: record numbers (`#`, `RECORD`) and events (`Host Connected`, ...). */
  loggerColumns?: string[];
  /** Rows holding only logger events and no values (HOBOware's `End Of File` row): skipped. */
  eventRows?: LineIssues;
  /** The time column's zone as its name gives it (`GMT-04:00`), converted to UTC. */
  timeZoneName?: string;
}

/** The report's fields on where the table starts in a logger export (header-detect.ts). */
export function layoutReport(layout: HeaderLayout, dialect: Dialect, eventRows: LineIssues): Partial<ImportReport> {
  const units: Record<string, string> = {};
  for (const c of dialect.valueColumns) {
    const unit = dialect.units[c];
    if (unit) units[dialect.names[c]] = unit;
  }
  const offset = dialect.timeZoneOffsetMs;
  const zone =
    offset === null
      ? {}
      : { timeZoneName: `UTC${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 3_600_000)).padStart(2, '0')}:${String((Math.abs(offset) / 60_000) % 60).padStart(2, '0')}` };
  return {
    headerLine: dialect.header ? (layout.headerLine ?? 1) : null,
    skippedLines: layout.skipped,
    units,
    loggerColumns: dialect.loggerColumns.map((l) => dialect.names[l.column]),
    eventRows,
    ...zone,
  };
}

/** Why a file could not be read, after its columns: which line looked like the header and why. */
export function headerTrouble(layout: HeaderLayout): string {
  const skipped = layout.skipped.length ? ` (skipped above or below it: ${layout.skipped.map((s) => `line ${s.line} ${s.kind}`).join(', ')})` : '';
  return layout.headerLine === null ? `no header line found: ${layout.why}` : `line ${layout.headerLine} looked like the header${skipped}: ${layout.why}`;
}


export function timeZoneOf(format: TimeFormat | null, zoneless: boolean): ImportReport['timeZone'] {
  if (format === null || format === 'index') return null;
  if (format === 'iso' || format === 'dmy' || format === 'mdy') return zoneless ? 'utc-assumed' : 'given';
  return 'given';
}

/** Plain-language notes on what the import found and did. */
export function describe(r: ImportReport): string[] {
  const notes: string[] = [];
  const lines = (x: LineIssues) => `line${x.lines.length > 1 ? 's' : ''} ${x.lines.slice(0, 10).join(', ')}${x.count > 10 ? ', ...' : ''}`;
  if (r.partial) notes.push(`Partial import: ${r.partialReason}.`);
  if (r.ragged.count) notes.push(`${r.ragged.count} row(s) with the wrong number of fields skipped (${lines(r.ragged)}).`);
  if (r.badTime.count) notes.push(`${r.badTime.count} row(s) with an unreadable time skipped (${lines(r.badTime)}).`);
  for (const h of r.cleanedHeaders) notes.push(`Column ${h.column}'s header ${JSON.stringify(h.raw)} held control characters (a NUL byte, ...): removed, read as "${h.name}".`);
  if (r.skippedLines?.length) {
    const kinds = { sep: "Excel's delimiter line", metadata: 'metadata', units: 'units row', processing: 'processing/type row' };
    const said = r.skippedLines.slice(0, 8).map((x) => `line ${x.line} (${kinds[x.kind]}${x.kind === 'metadata' || x.kind === 'sep' ? `: ${x.text}` : ''})`);
    const more = r.skippedLines.length > 8 ? `, and ${r.skippedLines.length - 8} more` : '';
    notes.push(`${r.headerLine ? `Header on line ${r.headerLine}` : 'No header'}; skipped ${said.join(', ')}${more}.`);
  }
  const units = Object.entries(r.units ?? {});
  if (units.length) notes.push(`Units: ${units.map(([n, u]) => `${n} ${u}`).join(', ')}.`);
  if (r.timeZoneName) notes.push(`Times are in ${r.timeZoneName} (from the time column's name): converted to UTC.`);
  if (r.loggerColumns?.length) notes.push(`Logger record-number and event column(s) not imported: ${r.loggerColumns.join(', ')}.`);
  if (r.eventRows?.count) notes.push(`${r.eventRows.count} row(s) with logger events and no values skipped (${lines(r.eventRows)}).`);
  for (const d of r.duplicateHeaders) notes.push(`Column ${d.column} repeats the header "${d.name}" (line ${r.headerLine ?? 1}): read as "${d.renamedTo}".`);
  const notNumbers = r.decimal === ',' ? "that are not numbers in this file's decimal style (1,5)" : 'that are not numbers';
  for (const [name, x] of Object.entries(r.invalid)) notes.push(`${x.count} value(s) in "${name}" ${notNumbers} read as missing (${lines(x)}).`);
  const missing = Object.entries(r.missing).filter(([, n]) => n > 0);
  if (missing.length) notes.push(`Missing values: ${missing.map(([n, c]) => `${n} ${c}`).join(', ')}.`);
  if (r.skippedColumns.length) notes.push(`Text column(s) not imported: ${r.skippedColumns.join(', ')}.`);
  if (r.grid.outOfOrder) notes.push(`${r.grid.outOfOrder} row(s) out of time order: sorted.`);
  if (r.grid.merged) notes.push(`${r.grid.merged} row(s) shared a time slot with a later row (duplicates or jitter): the later row was kept.`);
  if (r.grid.filled) notes.push(`${r.grid.filled} empty time slot(s) on the ${r.grid.unit === 'month' ? `${r.grid.calendarMonths}-month` : `${r.grid.intervalMs} ms`} grid: missing.`);
  if (r.grid.note) notes.push(`Time grid: ${r.grid.note}.`);
  if (r.timeZone === 'utc-assumed' && (r.grid.merged || r.grid.outOfOrder)) {
    notes.push('The times have no zone and are read as UTC: a repeated or missing hour may be a daylight-saving change in local time.');
  }
  return notes;
}
