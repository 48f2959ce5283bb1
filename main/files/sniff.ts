// File import, stage 2: the table's dialect from its first lines. Picks the delimiter (`,`, `;`,
// tab, `|`), the decimal mark (a `;` or tab file with `1,5` values uses decimal commas), whether
// the first row is a header, and which columns hold numbers or times.
// Called by csv-importer.ts with the first ~64 KB of decoded text.
import Papa from 'papaparse';

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
  /** Header names that appeared more than once, with the name each copy got. */
  duplicateHeaders: { name: string; renamedTo: string; column: number }[];
  timeColumn: number;
  timeFormat: TimeFormat | null;
  /** Columns read as numbers (everything but the time column and text columns). */
  valueColumns: number[];
  /** Columns skipped because they hold text, not numbers. */
  textColumns: number[];
}

const CANDIDATES: Delimiter[] = ['\t', ';', ',', '|'];
/** Values read as missing (counted, never 0). Compared after trimming. */
export const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'na', '#N/A', '#NA', '-', '--', 'NaN', 'nan', 'NAN', 'null', 'NULL', 'None', '?', '.']);

function fieldCounts(lines: string[], delimiter: Delimiter): number[] {
  const parsed = Papa.parse<string[]>(lines.join('\n'), { delimiter, newline: '\n', skipEmptyLines: true });
  return parsed.data.map((r) => r.length);
}

function mode(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return { value: best, share: values.length ? bestCount / values.length : 0 };
}

/** The delimiter that splits the sample lines into the same number (> 1) of fields most consistently. */
export function detectDelimiter(lines: string[]): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = fieldCounts(lines, d);
    const m = mode(counts);
    if (m.value < 2) continue;
    // Consistency first; ties go to the earlier candidate (tab, then `;`, which beats `,` in decimal-comma files).
    const score = m.share;
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
    if (t.indexOf(',') !== -1) {
      // 1.234,5 -> 1234.5 (dots are thousands separators in decimal-comma files).
      if (t.indexOf('.') !== -1) t = t.replace(/\./g, '');
      t = t.replace(',', '.');
    }
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
  overrides: { delimiter?: Delimiter; decimal?: DecimalMark; timeColumn?: string | number | null } = {},
): Dialect {
  const lines = text.split('\n', 201).slice(0, 200);
  if (!text.endsWith('\n') && lines.length > 1) lines.pop(); // the last line may be cut off
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  const delimiter = overrides.delimiter ?? detectDelimiter(nonEmpty);
  const rows = Papa.parse<string[]>(nonEmpty.join('\n'), { delimiter, newline: '\n', skipEmptyLines: true }).data;
  const width = mode(rows.map((r) => r.length)).value;

  // Decimal commas: a non-comma delimiter and values like 1,5.
  let decimal: DecimalMark = overrides.decimal ?? '.';
  if (!overrides.decimal && delimiter !== ',') {
    const cells = rows.slice(1).flat();
    if (cells.some((c) => /^\s*[+-]?\d+,\d+\s*$/.test(c))) decimal = ',';
  }

  const first = rows[0] ?? [];
  const numericInFirst = first.filter((c) => looksNumeric(c, decimal) || detectTimeFormat('t', [c]) !== null).length;
  const header = first.length > 0 && numericInFirst < first.length / 2;
  const body = header ? rows.slice(1) : rows;

  const names: string[] = [];
  const duplicateHeaders: Dialect['duplicateHeaders'] = [];
  const seen = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    const raw = header ? (first[c] ?? '').trim() : '';
    const base = raw || `col${c + 1}`;
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
  for (let c = 0; c < width; c++) {
    if (c === timeColumn) continue;
    const cells = column(c).filter((s) => !MISSING.has(s));
    const numeric = cells.filter((s) => looksNumeric(s, decimal)).length;
    if (cells.length === 0 || numeric >= cells.length / 2) valueColumns.push(c);
    else textColumns.push(c);
  }
  return { delimiter, decimal, header, names, duplicateHeaders, timeColumn, timeFormat, valueColumns, textColumns };
}
