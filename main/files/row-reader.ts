// File import, the row stage: the decoded text, parsed by papaparse in the sniffed dialect, into
// one column store per numeric column (and the times), row by row, counting every row it leaves
// out and why (ragged, a bad time, out of the time range, a logger's event row, a value that is
// not a number). Stops at the row or memory limit, or when cancelled. Caller: csv-importer.ts.
import { Readable } from 'node:stream';

import Papa from 'papaparse';

import { EngineError } from '../../shared/errors';

import { ColumnStore } from './column-store';
import { eventRowTest } from './header-names';
import type { LineIssues } from './import-report';
import { MISSING, numberParser, type Dialect } from './sniff';
import { timeParser } from './time-format';

const MAX_LINES_LISTED = 100;

export function issues(): LineIssues {
  return { count: 0, lines: [] };
}

function note(list: LineIssues, line: number): void {
  list.count++;
  if (list.lines.length < MAX_LINES_LISTED) list.lines.push(line);
}

export interface RowReaderOptions {
  /** The file, for messages. */
  path: string;
  dialect: Dialect;
  /** Rows each column is allocated for at once (an upper bound, or 0 when unknown). */
  capacity: number;
  /** Keep every k-th data row. */
  every: number;
  /** Keep rows with from <= time < to (ms); -Infinity and Infinity for no limit. */
  from: number;
  to: number;
  /** Most rows kept; past it the reading stops and the result says why (`partial`). */
  maxRows: number;
  /** Most rows that fit the memory limit; past it the reading fails with `tooLarge()`. */
  maxKept: number;
  tooLarge: () => EngineError;
  signal?: AbortSignal;
  /** Called after each chunk of rows with the data rows seen so far. */
  onChunk?: (rows: number) => void;
}

export interface RowsRead {
  /** The kept times, when the file has a time column. */
  times: ColumnStore | null;
  /** The kept values, one store per value column (NaN where a value is missing or invalid). */
  columns: ColumnStore[];
  /** Data rows seen (below the header, blank lines not counted). */
  rows: number;
  /** Rows kept. */
  kept: number;
  outOfRange: number;
  /** Per value column: empty or NA-like cells, and cells that are not numbers. */
  missing: number[];
  invalid: LineIssues[];
  ragged: LineIssues;
  badTime: LineIssues;
  eventRows: LineIssues;
  /** The time column's first readable cell names no zone (and no offset was given). */
  zoneless: boolean;
  /** Why the reading stopped early (the row limit), when it did. */
  partial?: string;
}

/**
 * Parses `first` (the head, already read for the sniffer) and the rest of `text` into columns.
 * `done`: the head was the whole file.
 */
export async function readRows(first: string, done: boolean, text: AsyncIterator<string>, o: RowReaderOptions): Promise<RowsRead> {
  const { dialect } = o;
  const width = dialect.names.length;
  const parseNum = numberParser(dialect.decimal);
  const parseTime = dialect.timeFormat ? timeParser(dialect.timeFormat, dialect.timeZoneOffsetMs ?? 0) : null;
  const isEventRow = eventRowTest(dialect); // HOBOware's event-only rows; null for other files
  const tCol = dialect.timeColumn;
  const valueCols = dialect.valueColumns;
  const out: RowsRead = {
    times: parseTime ? new ColumnStore(o.capacity) : null,
    columns: valueCols.map(() => new ColumnStore(o.capacity)),
    rows: 0,
    kept: 0,
    outOfRange: 0,
    missing: valueCols.map(() => 0),
    invalid: valueCols.map(() => issues()),
    ragged: issues(),
    badTime: issues(),
    eventRows: issues(),
    zoneless: false,
  };
  const { times, columns } = out;
  let line = 1;
  let headerPending = dialect.header;
  let quotesSeen = first.indexOf('"') !== -1;
  let zoneChecked = false;

  const source = Readable.from(
    (async function* () {
      if (first) yield first;
      if (done) return;
      for (;;) {
        const next = await text.next();
        if (next.done) return;
        if (!quotesSeen && next.value.indexOf('"') !== -1) quotesSeen = true;
        yield next.value;
      }
    })(),
  );

  await new Promise<void>((resolve, reject) => {
    let failed: unknown = null;
    Papa.parse<string[]>(source as unknown as File, {
      delimiter: dialect.delimiter,
      newline: '\n',
      skipEmptyLines: false,
      chunk(results, parser) {
        if (o.signal?.aborted) {
          failed = new EngineError('CANCELLED', `Import of ${o.path} cancelled`);
          parser.abort();
          return;
        }
        for (const row of results.data) {
          const rowLine = line;
          line++;
          if (quotesSeen) for (const f of row) if (f.indexOf('\n') !== -1) line += f.split('\n').length - 1;
          if (row.length === 1 && row[0].trim() === '') continue; // blank line
          if (headerPending) {
            headerPending = false;
            continue;
          }
          out.rows++;
          if (o.every > 1 && (out.rows - 1) % o.every !== 0) continue;
          if (row.length !== width) {
            note(out.ragged, rowLine);
            continue;
          }
          if (isEventRow?.(row)) {
            note(out.eventRows, rowLine);
            continue;
          }
          if (parseTime && times) {
            const ts = row[tCol].trim();
            const t = parseTime(ts);
            if (!zoneChecked && !Number.isNaN(t)) {
              zoneChecked = true;
              out.zoneless = dialect.timeZoneOffsetMs === null && !/(Z|[+-]\d{2}:?\d{2})$/i.test(ts);
            }
            if (Number.isNaN(t)) {
              note(out.badTime, rowLine);
              continue;
            }
            if (t < o.from || t >= o.to) {
              out.outOfRange++;
              continue;
            }
            times.push(t);
          }
          for (let j = 0; j < valueCols.length; j++) {
            const s = row[valueCols[j]];
            let v = parseNum(s);
            if (Number.isNaN(v)) {
              const trimmed = s.trim();
              if (trimmed !== s) v = parseNum(trimmed);
              if (Number.isNaN(v)) {
                if (MISSING.has(trimmed)) out.missing[j]++;
                else note(out.invalid[j], rowLine);
              }
            }
            columns[j].push(v);
          }
          out.kept++;
          if (out.kept > o.maxKept) {
            failed = o.tooLarge();
            parser.abort();
            return;
          }
          if (out.kept >= o.maxRows) {
            out.partial = `stopped at ${o.maxRows} rows (maxRows)`;
            parser.abort();
            return;
          }
        }
        o.onChunk?.(out.rows);
      },
      complete() {
        if (failed) reject(failed);
        else resolve();
      },
      error(err: Error) {
        reject(err);
      },
    });
  });
  return out;
}
