// File import, stage 1b: where the table starts in a logger or spreadsheet export. Finds Excel's
// `sep=;` first line, metadata lines above the header (station or logger name, serial number,
// "Plot Title: ..."), and units, processing or type rows below it (Campbell TOA5, Kestrel), and
// blanks those lines out of the head so that the sniffer and the parser see a plain table with
// the same physical line numbers. What one header name says (units, zones, logger columns) is
// header-names.ts. Called by csv-importer.ts (detectLayout) on the first ~64 KB of text.
import Papa from 'papaparse';

import { DATE_PATTERN, looksLikeUnit } from './header-names';
import type { Delimiter } from './sniff';
import { detectTimeFormat } from './time-format';

/** What a line around the header was taken for. */
export type SkippedKind = 'sep' | 'metadata' | 'units' | 'processing';

export interface HeaderLayout {
  /** The head with `sep=`, metadata, units and processing lines replaced by empty lines. */
  text: string;
  /** The delimiter named by a `sep=` first line, if any. */
  delimiter?: Delimiter;
  /** 1-based line of the header row, or null when the table has none (or none was found). */
  headerLine: number | null;
  /** 1-based line of the first data row, or null when none was found. */
  dataLine: number | null;
  /** Lines blanked out, with what each was taken for and its first characters. */
  skipped: { line: number; kind: SkippedKind; text: string }[];
  /** Units per column from a units row under the header (undefined where a cell is empty). */
  units: (string | undefined)[] | null;
  /** Why the header is where it is, in words (for errors on files that still cannot be read). */
  why: string;
}

/** Lines of the head looked at for the header; logger preambles are far shorter. */
const SCAN_LINES = 200;
const DELIMITERS: Delimiter[] = ['\t', ';', ',', '|'];

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const MISSING_CELLS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', '#N/A', '-', 'null', 'NAN']);

/** TOA5/TOB processing and type codes, and plain statistics names: a row of these is not data. */
const PROCESSING = new Set(
  'smp avg max min tot std stddev wvc wvt hst med mom moment cov tmx tmn sum mean last first count sample instant total rn ts ulong long ieee4 ieee8 fp2 fp4 float double int integer string bool boolean numeric number text datetime timestamp'.split(
    ' ',
  ),
);

function cellsOf(line: string, delimiter: Delimiter): string[] {
  return (Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? []).map((c) => c.trim());
}

function typed(cell: string): boolean {
  return NUMBER.test(cell) || detectTimeFormat('t', [cell]) !== null;
}

interface LineInfo {
  index: number;
  cells: string[];
  blank: boolean;
  typed: number;
  filled: number;
}

/** A row of numbers and times (missing cells allowed), not a header, units or metadata row. */
function isData(l: LineInfo, width: number): boolean {
  return !l.blank && l.cells.length === width && l.typed >= 1 && l.typed * 2 >= l.filled;
}

function rowOf(l: LineInfo, test: (cell: string) => boolean): boolean {
  const filled = l.cells.filter((c) => c.length > 0);
  return filled.length > 0 && filled.every(test);
}

function isUnitsRow(l: LineInfo): boolean {
  return rowOf(l, looksLikeUnit) && !rowOf(l, (c) => PROCESSING.has(c.toLowerCase()) && c !== 'TS' && c !== 'RN');
}

function isProcessingRow(l: LineInfo): boolean {
  return rowOf(l, (c) => PROCESSING.has(c.toLowerCase()));
}

/** The delimiter splitting most lines of the scanned head into the same number (> 1) of typed cells. */
function guessDelimiter(lines: string[]): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      if (!line.trim()) continue;
      const cells = cellsOf(line, d);
      if (cells.length < 2) continue;
      const score = cells.filter(typed).length;
      counts.set(cells.length, (counts.get(cells.length) ?? 0) + score);
    }
    for (const score of counts.values()) if (score > bestScore + 0.5) [best, bestScore] = [d, score];
  }
  return best;
}

function preview(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

const SEP_LINE = /^\s*"?sep=(.)"?\s*$/i;

/**
 * Finds the header row of the head (decoded text, LF line endings). The data block is the first
 * run of two rows with the table's width whose cells are mostly numbers and times; the header is
 * the line of that width above it that is not a units or processing row; lines above the header
 * are metadata. `delimiter`: the one the user gave, if any.
 */
export function detectLayout(head: string, delimiter?: Delimiter): HeaderLayout {
  const all = head.split('\n', SCAN_LINES + 1).slice(0, SCAN_LINES);
  // The last line of a cut-off head may be incomplete.
  if (!head.endsWith('\n') && all.length > 1 && head.split('\n', SCAN_LINES + 1).length <= SCAN_LINES) all.pop();
  const skipped: HeaderLayout['skipped'] = [];
  let sep: Delimiter | undefined;
  let start = 0;
  const sepMatch = SEP_LINE.exec(all[0] ?? '');
  if (sepMatch && DELIMITERS.includes(sepMatch[1] as Delimiter)) {
    sep = sepMatch[1] as Delimiter;
    skipped.push({ line: 1, kind: 'sep', text: preview(all[0]) });
    start = 1;
  }
  const d = delimiter ?? sep ?? guessDelimiter(all.slice(start));
  const infos: LineInfo[] = all.map((line, index) => {
    if (index < start || !line.trim()) return { index, cells: [], blank: true, typed: 0, filled: 0 };
    const cells = cellsOf(line, d);
    const filled = cells.filter((c) => !MISSING_CELLS.has(c)).length;
    return { index, cells, blank: false, typed: cells.filter((c) => c.length > 0 && typed(c)).length, filled };
  });

  // The table's width: the one whose rows hold the most typed cells (a `Serial,1234` line has one).
  const weight = new Map<number, number>();
  for (const l of infos) if (!l.blank && l.cells.length > 1 && l.typed * 2 >= l.filled) weight.set(l.cells.length, (weight.get(l.cells.length) ?? 0) + l.typed);
  let width = 0;
  let bestWeight = 0;
  for (const [w, n] of weight) if (n > bestWeight) [width, bestWeight] = [w, n];

  const result = (headerLine: number | null, dataLine: number | null, units: HeaderLayout['units'], why: string): HeaderLayout => {
    if (skipped.length === 0) return { text: head, ...(sep ? { delimiter: sep } : {}), headerLine, dataLine, skipped, units, why };
    const blank = new Set(skipped.map((s) => s.line - 1));
    // Only the scanned lines change; the rest of the head is kept as it is.
    const lines = head.split('\n');
    for (const i of blank) lines[i] = '';
    return { text: lines.join('\n'), ...(sep ? { delimiter: sep } : {}), headerLine, dataLine, skipped, units, why };
  };

  // The first data row followed by another data row (or the end of the head).
  let data = -1;
  for (let i = start; i < infos.length && width > 1; i++) {
    if (!isData(infos[i], width)) continue;
    const next = infos.slice(i + 1).find((l) => !l.blank);
    if (!next || isData(next, width)) {
      data = i;
      break;
    }
  }
  if (data < 0) {
    const firstLine = infos.find((l) => !l.blank);
    const why =
      width > 1
        ? `no two rows in a row split into ${width} fields of numbers or times (with ${JSON.stringify(d)})`
        : `no line splits into several fields of numbers or times with ${JSON.stringify(d)}`;
    return result(firstLine ? firstLine.index + 1 : null, null, null, why);
  }

  // Non-data lines of the table's width right above the data, nearest first. Rows of numbers of
  // another width are ragged data rows (reported later); any other line ends the search.
  const above: LineInfo[] = [];
  for (let i = data - 1; i >= start; i--) {
    const l = infos[i];
    if (l.blank) continue;
    if (l.cells.length === width) above.push(l);
    else if (!(l.typed >= 1 && l.typed * 2 >= l.filled)) break;
  }
  let h = 0;
  while (h + 1 < above.length && (isUnitsRow(above[h]) || isProcessingRow(above[h]))) h++;
  const header = above.length > 0 ? above[h] : null;
  const headerIndex = header ? header.index : data;
  // Why: a line of the table's width with a date in it is a data row (with text cells), never metadata.
  const dated = infos.slice(start, headerIndex).find((l) => l.cells.length === width && l.cells.some((c) => /\d/.test(c) && !NUMBER.test(c) && typed(c)));
  if (dated) return result(headerIndex + 1, data + 1, null, `line ${dated.index + 1} holds a date but is above the header candidate (line ${headerIndex + 1}): not skipped`);
  let units: HeaderLayout['units'] = null;
  for (let k = h - 1; k >= 0; k--) {
    const l = above[k];
    const kind: SkippedKind = isUnitsRow(l) && !units ? 'units' : 'processing';
    if (kind === 'units') units = Array.from({ length: width }, (_, c) => (l.cells[c] && !DATE_PATTERN.test(l.cells[c]) ? l.cells[c] : undefined));
    skipped.push({ line: l.index + 1, kind, text: preview(all[l.index]) });
  }
  for (let i = start; i < headerIndex; i++) if (!infos[i].blank) skipped.push({ line: i + 1, kind: 'metadata', text: preview(all[i]) });
  skipped.sort((a, b) => a.line - b.line);
  const why = header
    ? `line ${header.index + 1} is the last line of ${width} fields above the first rows of numbers (line ${data + 1}) that is not a units or processing row`
    : `line ${data + 1} starts the rows of numbers and no line of ${width} names is above it`;
  return result(header ? header.index + 1 : null, data + 1, units, why);
}
