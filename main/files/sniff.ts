// File import, stage 2: the table's dialect from its first lines (every line of the sample). Picks
// the delimiter (`,`, `;`, tab, `|`) that splits the rows into the same number of typed fields,
// the decimal mark (a `;` or tab file with mostly `1,5` values uses decimal commas), whether the
// first row is a header, and which columns hold numbers or times; lines written with another
// delimiter are listed, so that the importer stops instead of reading them as other columns.
// Called by csv-importer.ts with the first ~64 KB of decoded text.
import Papa from 'papaparse';

import { headerName, isRecordColumn } from './header-names';
import { parsePlainDecimal } from './plain-decimal';
import { detectTimeFormat, isTimeName, type TimeFormat } from './time-format';

export type Delimiter = ',' | ';' | '\t' | '|';
export type DecimalMark = '.' | ',';

export interface Dialect {
  delimiter: Delimiter;
  decimal: DecimalMark;
  header: boolean;
  /** Column names (from the header, made unique; else `col1`, `col2`, ...). */
  names: string[];
  /** Header names that held control characters (a NUL byte, ...), removed, with the name the column got. */
  cleanedHeaders: { raw: string; name: string; column: number }[];
  /** Header names that appeared more than once, with the name each copy got. */
  duplicateHeaders: { name: string; renamedTo: string; column: number }[];
  timeColumn: number;
  timeFormat: TimeFormat | null;
  /** Columns read as numbers (everything but the time column and text columns). */
  valueColumns: number[];
  /** Columns skipped because they hold text, not numbers. */
  textColumns: number[];
  /** Columns skipped because they count records (HOBOware `#`, TOA5 `RECORD`) or log logger events. */
  loggerColumns: { column: number; kind: 'record' | 'event' }[];
  /** Unit per column: from a units row under the header, else from the name (`Temp, °F (...)`, `Wind [m/s]`). */
  units: (string | undefined)[];
  /** The time column's zone from its name (`Date Time, GMT-04:00`), in ms east of UTC; null when it names none. */
  timeZoneOffsetMs: number | null;
  /** Sample lines that split into the table's width with another delimiter (a file written two ways), or null. */
  mixed: { delimiter: Delimiter; count: number; lines: number[] } | null;
}

const CANDIDATES: Delimiter[] = ['\t', ';', ',', '|'];
/** Values read as missing (counted, never 0). Compared after trimming. */
export const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'na', '#N/A', '#NA', '-', '--', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'None', '?', '.']);
/** Most lines of the head the sniffer reads. */
const SAMPLE_LINES = 5000;

function parseRows(lines: string[], delimiter: Delimiter): string[][] {
  return Papa.parse<string[]>(lines.join('\n'), { delimiter, newline: '\n', skipEmptyLines: true }).data;
}

function mode(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return { value: best, share: values.length ? bestCount / values.length : 0 };
}

const NUMBER = /^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*$/;
const GROUPED = /^\s*[+-]?\d{1,3}([.,]\d{3})+([.,]\d+)?\s*$/;

/** A cell a sensor log would hold: a number in either decimal style, a time, or a missing marker. */
function typedCell(s: string): boolean {
  return NUMBER.test(s) || GROUPED.test(s) || MISSING.has(s.trim()) || detectTimeFormat('t', [s.trim()]) !== null;
}

/**
 * The delimiter that splits the sample lines into the same number (> 1) of fields most
 * consistently, weighted by how many of the fields (below the first line) are typed cells:
 * a `;` file with decimal commas split at `,` is consistent too, but into fragments like `5;2`.
 */
export function detectDelimiter(lines: string[]): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const rows = parseRows(lines, d);
    const m = mode(rows.map((r) => r.length));
    if (m.value < 2) continue;
    let cells = 0;
    let typed = 0;
    for (const r of rows.slice(1)) {
      for (const c of r) {
        cells++;
        if (typedCell(c)) typed++;
      }
    }
    const score = m.share * (0.5 + 0.5 * (cells ? typed / cells : 1));
    // Ties go to the earlier candidate (tab, then `;`, which beats `,` in decimal-comma files).
    if (score > bestScore + 0.05) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Parses a number in the file's decimal convention; NaN for missing or non-numeric text. */
export function numberParser(decimal: DecimalMark): (s: string) => number {
  if (decimal === '.') {
    return (s) => {
      if (s.length === 0) return Number.NaN;
      const fast = parsePlainDecimal(s);
      if (fast !== undefined) return fast;
      const v = Number(s);
      // Number('') and Number('  ') are 0: a blank is missing, never 0.
      if (v === 0 && s.indexOf('0') === -1) return Number.NaN;
      return Number.isFinite(v) ? v : Number.NaN;
    };
  }
  return (s) => {
    if (s.length === 0) return Number.NaN;
    const fast = parsePlainDecimal(s, 44 /* , */);
    if (fast !== undefined) return fast;
    let t = s;
    if (t.indexOf('.') !== -1) {
      // Why: in a decimal-comma file a dot only groups thousands (1.234,5 -> 1234.5); `1.5` or
      // `1.250` is a value written in the other decimal style, so it is unreadable, never guessed.
      if (t.indexOf(',') === -1 || !/^\s*[+-]?\d{1,3}(\.\d{3})+,\d*\s*$/.test(t)) return Number.NaN;
      t = t.replace(/\./g, '');
    }
    t = t.replace(',', '.');
    const v = Number(t);
    if (v === 0 && t.indexOf('0') === -1) return Number.NaN;
    return Number.isFinite(v) ? v : Number.NaN;
  };
}

function looksNumeric(s: string, decimal: DecimalMark): boolean {
  return !Number.isNaN(numberParser(decimal)(s.trim()));
}

/** Works out the dialect from decoded text (LF line endings). `overrides` win over detection. */
export function sniffDialect(
  text: string,
  overrides: { delimiter?: Delimiter; decimal?: DecimalMark; timeColumn?: string | number | null; units?: (string | undefined)[] | null } = {},
): Dialect {
  const lines = text.split('\n', SAMPLE_LINES + 1).slice(0, SAMPLE_LINES);
  if (!text.endsWith('\n') && lines.length > 1) lines.pop(); // the last line may be cut off
  const lineNumbers: number[] = [];
  const nonEmpty = lines.filter((l, i) => l.trim().length > 0 && lineNumbers.push(i + 1));
  const delimiter = overrides.delimiter ?? detectDelimiter(nonEmpty);
  const rows = parseRows(nonEmpty, delimiter);
  const width = mode(rows.map((r) => r.length)).value;

  // Decimal commas: a non-comma delimiter and more values like 1,5 than like 1.5.
  let decimal: DecimalMark = overrides.decimal ?? '.';
  if (!overrides.decimal && delimiter !== ',') {
    let commas = 0;
    let dots = 0;
    for (const c of rows.slice(1).flat()) {
      if (/^\s*[+-]?[\d.]*\d,\d+\s*$/.test(c)) commas++;
      else if (/^\s*[+-]?\d*\.\d+\s*$/.test(c) && !GROUPED.test(c)) dots++;
    }
    if (commas > dots) decimal = ',';
  }

  // Lines of another shape that another delimiter splits into the table's width: written another way.
  let mixed: Dialect['mixed'] = null;
  if (!overrides.delimiter && width > 1 && rows.length === nonEmpty.length) {
    rows.forEach((r, i) => {
      if (r.length === width) return;
      const other = CANDIDATES.find((d) => d !== delimiter && parseRows([nonEmpty[i]], d)[0]?.length === width);
      if (!other) return;
      mixed ??= { delimiter: other, count: 0, lines: [] };
      mixed.count++;
      if (mixed.lines.length < 100) mixed.lines.push(lineNumbers[i]);
    });
  }

  const first = rows[0] ?? [];
  const numericInFirst = first.filter((c) => looksNumeric(c, decimal) || detectTimeFormat('t', [c]) !== null).length;
  const header = first.length > 0 && numericInFirst < first.length / 2;
  const body = header ? rows.slice(1) : rows;

  const names: string[] = [];
  const duplicateHeaders: Dialect['duplicateHeaders'] = [];
  const cleanedHeaders: Dialect['cleanedHeaders'] = [];
  const seen = new Map<string, number>();
  const units: (string | undefined)[] = [];
  const zones: (number | undefined)[] = [];
  const events: boolean[] = [];
  for (let c = 0; c < width; c++) {
    const raw = header ? (first[c] ?? '').trim() : '';
    // Units, zones and event columns written into logger header names (header-detect.ts).
    const said = headerName(raw);
    units.push(overrides.units?.[c] ?? said.unit);
    zones.push(said.zoneOffsetMs);
    events.push(said.event === true);
    // Why: a NUL or other control character in a name truncates it in native code and hides in the UI.
    // eslint-disable-next-line no-control-regex
    const clean = said.name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    if (clean !== said.name) cleanedHeaders.push({ raw, name: clean || `col${c + 1}`, column: c + 1 });
    const base = clean || `col${c + 1}`;
    let name = base;
    const n = seen.get(base) ?? 0;
    if (n > 0) {
      name = `${base}_${n + 1}`;
      duplicateHeaders.push({ name: base, renamedTo: name, column: c + 1 });
    }
    seen.set(base, n + 1);
    names.push(name);
  }

  const column = (c: number) => body.map((r) => (r[c] ?? '').trim());
  let timeColumn = -1;
  let timeFormat: TimeFormat | null = null;
  if (overrides.timeColumn !== null) {
    const wanted =
      typeof overrides.timeColumn === 'number'
        ? [overrides.timeColumn]
        : typeof overrides.timeColumn === 'string'
          ? [names.indexOf(overrides.timeColumn)]
          : names.map((_, c) => c);
    for (const c of wanted) {
      if (c < 0 || c >= width) continue;
      // A named override may be a plain number column; otherwise the name must look like time for numbers.
      const name = overrides.timeColumn !== undefined ? 'time' : names[c];
      const format = detectTimeFormat(name, column(c));
      if (format && (format !== 'index' || isTimeName(names[c]) || overrides.timeColumn !== undefined)) {
        timeColumn = c;
        timeFormat = format;
        break;
      }
    }
  }

  const valueColumns: number[] = [];
  const textColumns: number[] = [];
  const loggerColumns: Dialect['loggerColumns'] = [];
  for (let c = 0; c < width; c++) {
    if (c === timeColumn) continue;
    if (events[c] || isRecordColumn(names[c], units[c])) {
      loggerColumns.push({ column: c, kind: events[c] ? 'event' : 'record' });
      continue;
    }
    const cells = column(c).filter((s) => !MISSING.has(s));
    const numeric = cells.filter((s) => looksNumeric(s, decimal)).length;
    if (cells.length === 0 || numeric >= cells.length / 2) valueColumns.push(c);
    else textColumns.push(c);
  }
  const timeZoneOffsetMs = timeColumn >= 0 ? (zones[timeColumn] ?? null) : null;
  return { delimiter, decimal, header, names, cleanedHeaders, duplicateHeaders, timeColumn, timeFormat, valueColumns, textColumns, loggerColumns, units, timeZoneOffsetMs, mixed };
}
