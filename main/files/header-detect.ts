// File import, stage 1b: where the table starts in a logger or spreadsheet export. Finds Excel's
// `sep=;` first line, metadata lines above the header (station or logger name, serial number,
// "Plot Title: ..."), and units, processing or type rows below it (Campbell TOA5, Kestrel), and
// blanks those lines out of the head so that the sniffer and the parser see a plain table with
// the same physical line numbers. Also reads units and time zones out of header names (HOBOware's
// `Temp, °F (LGR S/N: ...)`, `Date Time, GMT-04:00`) and names logger event columns.
// Called by csv-importer.ts (detectLayout) and sniff.ts (headerName) on the first ~64 KB of text.
import Papa from 'papaparse';

import type { Delimiter, Dialect } from './sniff';
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

/** Units as loggers print them in a units row (`Deg C`, `W/m^2`, `%`, `hPa`, `Volts`, ...). */
const UNIT_WORDS = new Set(
  'c f k degc degf degk deg deg c deg f °c °f °k *c *f ° % %rh rh% v mv volts volt a ma w kw wh kwh hz khz rpm pa hpa kpa mpa mbar bar inhg mmhg psi lux lx klux ppm ppb db dba g kg m cm mm km in ft s ms min h hr m/s km/h mph kt kts knots m/s^2 m/s² l ml l/min l/s degrees degree rad µg/m3 ug/m3 µg/m³ mg/m3 us/cm µs/cm ms/cm ohm ohms kohm ω kω ntu ph j kj mj/m^2 mj/m2 w/m^2 w/m2 w/m² umol/m^2/s µmol/m²/s mm/h mm/hr in/h unitless ts rn m³/h m3/h'.split(
    ' ',
  ),
);

/** A date/time pattern in a units row (`yyyy-MM-dd hh:mm:ss a`): the time column's unit. */
const DATE_PATTERN = /^(?=.*(yy|YY|:))[yYMdDHhmsSaAZTt\s\-/.:,]+$/;

/** True when a cell names a unit (`Deg C`, `W/m^2`, `[hPa]`, `(°C)`, `yyyy-MM-dd hh:mm:ss`). */
export function looksLikeUnit(cell: string): boolean {
  const s = cell.trim();
  if (s.length === 0 || s.length > 24) return false;
  if (/^[[(].*[\])]$/.test(s)) return true;
  const lower = s.toLowerCase();
  if (UNIT_WORDS.has(lower) || UNIT_WORDS.has(lower.replace(/\s+/g, ''))) return true;
  if (DATE_PATTERN.test(s)) return true;
  // `m^3/h`, `°C/100m`, `µS/cm`: a slash, caret or degree sign between short unit letters.
  return /^[a-zA-Zµ°%*]{1,6}([/^][a-zA-Z0-9µ°²³]{1,6})+$/.test(s);
}

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

/** What a header name says beyond the name: a unit, a time zone, a logger event column. */
export interface HeaderName {
  name: string;
  unit?: string;
  /** The zone of a time column's values, from `GMT-04:00` / `UTC+1` in its name, in ms east of UTC. */
  zoneOffsetMs?: number;
  /** A logger event column (HOBOware `Host Connected`, `End Of File`, ...): not a channel. */
  event?: boolean;
}

const HOBO_SUFFIX = /\s*\((?:[^()]*\bS\/N:[^()]*)\)\s*$/;
const HOBO_EVENTS = /^(coupler (detached|attached)|host connected|stopped|started|end of file|button (up|down)|bad battery|good battery|sensor data error|chan(nel)? \d+ (on|off)|logged)$/i;
const ZONE = /^(.*?)[\s,(]*\b(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\)?\s*$/i;

/**
 * Splits a header name: `Temp, °F (LGR S/N: 1, SEN S/N: 1, LBL: air)` -> `Temp air` in °F;
 * `Date Time, GMT-04:00` -> `Date Time` at -4 h; `Temperature (°C)` keeps its name, unit °C.
 */
export function headerName(raw: string): HeaderName {
  let name = raw.trim();
  const hobo = HOBO_SUFFIX.exec(name);
  if (hobo) {
    const label = /\bLBL:\s*([^,()]+)/.exec(hobo[0])?.[1]?.trim();
    name = name.slice(0, hobo.index).trim();
    const comma = name.lastIndexOf(',');
    const quantity = comma > 0 ? name.slice(0, comma).trim() : name;
    const unit = comma > 0 ? name.slice(comma + 1).trim() : undefined;
    if (!unit && HOBO_EVENTS.test(quantity)) return { name: quantity, event: true };
    return { name: label ? `${quantity} ${label}` : quantity, ...(unit ? { unit } : {}) };
  }
  const zone = ZONE.exec(name);
  if (zone && zone[1] && /\b(date|time|zeit|datum|timestamp)\b/i.test(zone[1])) {
    const minutes = zone[3] ? (Number(zone[3]) * 60 + Number(zone[4] ?? 0)) * (zone[2] === '-' ? -1 : 1) : 0;
    return { name: zone[1].trim().replace(/,$/, ''), zoneOffsetMs: minutes * 60_000 };
  }
  const bracket = /[([]([^()[\]]{1,20})[)\]]\s*$/.exec(name);
  if (bracket && looksLikeUnit(bracket[1])) return { name, unit: bracket[1].trim() };
  return { name };
}

/** A record-number column (HOBOware `#`, TOA5 `RECORD` with unit `RN`): a counter, not a channel. */
export function isRecordColumn(name: string, unit: string | undefined): boolean {
  return name === '#' || unit === 'RN' || /^(record|rec_?num|record number)$/i.test(name);
}

/**
 * A test for rows that only log an event (HOBOware's `Host Connected`/`End Of File` row: event
 * cells set, every value empty), or null when the file has no event columns.
 */
export function eventRowTest(dialect: Pick<Dialect, 'loggerColumns' | 'valueColumns'>): ((row: string[]) => boolean) | null {
  const events = dialect.loggerColumns.filter((l) => l.kind === 'event').map((l) => l.column);
  if (events.length === 0) return null;
  const values = dialect.valueColumns;
  return (row) => values.every((c) => row[c].trim() === '') && events.some((c) => row[c].trim() !== '');
}
