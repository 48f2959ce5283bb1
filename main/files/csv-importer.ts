// File import, the entry: a CSV/TSV log -> a SeriesTable on a regular grid, plus a report of
// everything that was detected, skipped or repaired. Streams the file through papaparse with
// bounded memory (only the numeric columns are kept), reports progress and can be cancelled.
// Stages: encoding.ts (bytes -> text), header-detect.ts (layout), sniff.ts (dialect), row-reader.ts
// (rows -> columns, with time-format.ts), grid.ts.
// Called by the CLI (forecast, evaluate), the replay source and the app's file import.
import { open, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';

import { EngineError, errorMessage } from '../../shared/errors';
import type { SeriesTable } from '../../shared/table';

import { ChunkReader } from './chunk-reader';
import { countLineBreaks } from './column-store';
import { ChunkDecoder, EncodingMismatch, sniffEncoding, type TextEncodingName } from './encoding';
import { toRegularGrid, type GridReport } from './grid';
import { detectLayout } from './header-detect';
import { describe, headerTrouble, layoutReport, timeZoneOf, type ImportReport, type LineIssues } from './import-report';
import type { ImportOptions } from './import-options';
import { readRows, type RowsRead } from './row-reader';
import { sniffDialect } from './sniff';

export type { ImportOptions, ImportProgress } from './import-options';
export type { ImportReport, LineIssues } from './import-report';
/** Plain-language notes of a report (kept here: callers import it with importCsv). */
export { describe };

const HEAD_BYTES = 64 * 1024;
function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`;
}

/** The TOO_LARGE error: what the result needs, what is allowed, and how to import less. */
function tooLarge(path: string, rows: number, about: 'about' | 'more than', columns: number, limit: number): EngineError {
  return new EngineError(
      'TOO_LARGE',
      `${path}: ${about} ${rows.toLocaleString('en-US')} rows x ${columns} columns would need ${gb(rows * columns * 8)} in memory, more than the ${gb(limit)} an import may use`,
      'Import a time range ({from}/{to}) or every k-th row ({every} k), or fewer columns.',
  );
}

async function readHead(path: string): Promise<{ head: Uint8Array; size: number; mtimeMs: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EngineError('FILE_NOT_FOUND', `No such file: ${path}`);
    if (code === 'EISDIR') throw new EngineError('BAD_FILE', `${path} is a folder, not a file`);
    throw new EngineError('FILE_UNREADABLE', `Cannot read ${path}: ${errorMessage(err)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new EngineError('BAD_FILE', `${path} is a folder, not a file`);
    const buf = new Uint8Array(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { head: buf.subarray(0, bytesRead), size: info.size, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Reads a CSV/TSV file into a SeriesTable. Rejects with an EngineError (FILE_NOT_FOUND, BAD_FILE, CANCELLED, ...). */
export async function importCsv(path: string, options: ImportOptions = {}): Promise<{ table: SeriesTable; report: ImportReport }> {
  const { head, size, mtimeMs } = await readHead(path);
  if (size === 0) throw new EngineError('BAD_FILE', `${path} is empty`);
  const guess = options.encoding ? { encoding: options.encoding, bomLength: 0 } : sniffEncoding(head);
  try {
    return await importWith(path, options, guess.encoding, size, mtimeMs);
  } catch (err) {
    // Invalid UTF-8 past the first 64 KB: read the whole file again as Windows-1252.
    if (err instanceof EncodingMismatch && !options.encoding) return importWith(path, options, 'windows-1252', size, mtimeMs);
    throw err;
  }
}

async function importWith(
  path: string,
  options: ImportOptions,
  encoding: TextEncodingName,
  size: number,
  mtimeMs: number,
): Promise<{ table: SeriesTable; report: ImportReport }> {
  const signal = options.signal;
  if (signal?.aborted) throw new EngineError('CANCELLED', `Import of ${path} cancelled`);
  const decoder = new ChunkDecoder(encoding);
  const maxRows = options.maxRows ?? 50_000_000;
  let bytesRead = 0;
  let partialReason: string | undefined;

  // An upper bound on the rows, so each column is allocated once at its final size (column-store.ts).
  const ranged = options.from !== undefined || options.to !== undefined;
  const lineBreaks = ranged ? null : await countLineBreaks(path, signal);

  // The dialect comes from the first decoded chunk, so the byte stream is decoded once.
  // One reused buffer for every chunk (chunk-reader.ts): no garbage buffers on a large file.
  const stream = new ChunkReader(path, options.chunkBytes ?? 256 * 1024);
  const text = (async function* () {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        const t = decoder.push(chunk);
        if (t) yield t;
      }
      const tail = decoder.end();
      if (tail) yield tail;
    } catch (err) {
      if (err instanceof EncodingMismatch) throw err;
      partialReason = `reading stopped: ${errorMessage(err)}`;
    }
  })();

  // Gather the first ~64 KB of text for the sniffer.
  let first = '';
  let done = false;
  while (first.length < HEAD_BYTES && !done) {
    const next = await text.next();
    if (next.done) done = true;
    else first += next.value;
  }
  if (first.length >= HEAD_BYTES && first.indexOf('\n') === -1) {
    // Why: without a line break the whole file is one row of thousands of fields; say that, not a later symptom.
    stream.destroy();
    const mb = size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.round(size / 1024)} KB`;
    throw new EngineError('BAD_FILE', `${path} is one giant line (${mb}, no line break in the first ${HEAD_BYTES / 1024} KB) and has no rows`, 'A CSV file has one row per line: check that this is the right file and that its line breaks survived the copy.');
  }
  // Hook (header-detect.ts): logger and spreadsheet exports. Blanks out `sep=`, metadata lines above the
  // header and units/processing rows below it, keeping line numbers; the units row goes to the sniffer.
  const layout = detectLayout(first, options.delimiter);
  first = layout.text;
  const dialect = sniffDialect(first, { delimiter: options.delimiter ?? layout.delimiter, decimal: options.decimal, timeColumn: options.timeColumn, units: layout.units });
  if (dialect.valueColumns.length === 0) {
    stream.destroy();
    throw new EngineError('BAD_FILE', `${path}: no numeric column found (columns: ${dialect.names.join(', ') || 'none'}); ${headerTrouble(layout)}`);
  }
  if (dialect.mixed) {
    // Why: rows split by another delimiter would land in the wrong columns; stop rather than invent values.
    const { delimiter: other, count, lines } = dialect.mixed;
    stream.destroy();
    throw new EngineError(
        'BAD_FILE',
        `${path}: rows use two delimiters, ${JSON.stringify(dialect.delimiter)} and ${JSON.stringify(other)} (${count} row(s)${first.length >= HEAD_BYTES ? ` in the first ${HEAD_BYTES / 1024} KB` : ''}, lines ${lines.slice(0, 10).join(', ')}${count > 10 ? ', ...' : ''}); nothing imported`,
        'Save the file with one delimiter and one decimal mark, or give the delimiter explicitly to skip the other rows (listed as rows with the wrong number of fields).',
    );
  }

  const every = Math.max(1, Math.floor(options.every ?? 1));
  if (ranged && !dialect.timeFormat) {
    stream.destroy();
    throw new EngineError('BAD_OPTION', `${path} has no time column: a time range cannot be imported`, 'Use every k-th row ({every} k) instead.');
  }
  // Why: say the result cannot fit before reading gigabytes, not after the machine starts swapping.
  const rowBytes = (dialect.valueColumns.length + (dialect.timeFormat ? 1 : 0)) * 8;
  const maxResultBytes = options.maxResultBytes ?? Math.floor(totalmem() / 2);
  const maxKept = Math.floor(maxResultBytes / rowBytes);
  const rowsAtMost = lineBreaks === null ? 0 : Math.ceil((lineBreaks + 1 - (dialect.header ? 1 : 0)) / every);
  if (rowsAtMost > maxKept) {
    stream.destroy();
    throw tooLarge(path, rowsAtMost, 'about', rowBytes / 8, maxResultBytes);
  }
  let read: RowsRead;
  try {
    read = await readRows(first, done, text, {
      path,
      dialect,
      capacity: Math.min(rowsAtMost, maxRows),
      every,
      from: options.from ?? -Infinity,
      to: options.to ?? Infinity,
      maxRows,
      maxKept,
      tooLarge: () => tooLarge(path, maxKept, 'more than', rowBytes / 8, maxResultBytes),
      signal,
      onChunk: (rows) => options.onProgress?.({ bytesRead, totalBytes: size, rows }),
    });
  } finally {
    stream.destroy();
  }
  if (read.partial) partialReason = read.partial;
  const { rows, kept } = read;
  const tCol = dialect.timeColumn;
  const valueCols = dialect.valueColumns;

  if (rows === 0) throw new EngineError('BAD_FILE', `${path} has no data rows${dialect.header ? ' below its header' : ''}; ${headerTrouble(layout)}`);

  // The file changing, shrinking or vanishing under us makes the import partial.
  try {
    const after = await stat(path);
    if (!partialReason && (after.size !== size || after.mtimeMs !== mtimeMs)) {
      partialReason = after.size < size ? `the file shrank from ${size} to ${after.size} bytes while it was read` : 'the file changed while it was read';
    }
  } catch {
    partialReason ??= 'the file vanished while it was read';
  }
  if (!partialReason && bytesRead < size) partialReason = `read ${bytesRead} of ${size} bytes`;

  // One exact array per column, built one at a time from the blocks (see column-store.ts).
  let time: Float64Array | null = read.times ? read.times.take() : null;
  let values: Float64Array[] = read.columns.map((c) => c.take());
  let grid: GridReport = { intervalMs: null, unit: null, applied: false, outOfOrder: 0, merged: 0, filled: 0 };
  if (time && dialect.timeFormat !== 'index' && options.grid !== false) {
    const gridded = toRegularGrid(time, values, { release: true, maxBytes: maxResultBytes });
    ({ time, columns: values, report: grid } = gridded);
  } else if (time && dialect.timeFormat === 'index') {
    grid = { ...grid, note: 'the time column is a plain index: no clock' };
    time = null;
  }

  const names = valueCols.map((c) => dialect.names[c]);
  const report: ImportReport = {
    path,
    bytes: size,
    encoding,
    delimiter: dialect.delimiter,
    decimal: dialect.decimal,
    header: dialect.header,
    columns: dialect.names,
    timeColumn: tCol >= 0 ? dialect.names[tCol] : null,
    timeFormat: dialect.timeFormat,
    timeZone: timeZoneOf(dialect.timeFormat, read.zoneless),
    rows,
    missing: Object.fromEntries(names.map((n, j) => [n, read.missing[j]])),
    invalid: Object.fromEntries(names.map((n, j) => [n, read.invalid[j]]).filter(([, v]) => (v as LineIssues).count > 0)),
    ragged: read.ragged,
    badTime: read.badTime,
    cleanedHeaders: dialect.cleanedHeaders,
    duplicateHeaders: dialect.duplicateHeaders,
    skippedColumns: dialect.textColumns.map((c) => dialect.names[c]),
    grid,
    partial: partialReason !== undefined,
    ...(partialReason !== undefined ? { partialReason } : {}),
    notes: [],
    ...layoutReport(layout, dialect, read.eventRows),
  };
  report.notes = describe(report);
  if (every > 1) report.notes.push(`Every ${every}th row imported (${kept.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')}).`);
  if (options.from !== undefined || options.to !== undefined) report.notes.push(`${read.outOfRange.toLocaleString('en-US')} row(s) outside the time range left out.`);
  const table: SeriesTable = { time, channels: names.map((name, j) => ({ name, ...(dialect.units[valueCols[j]] ? { unit: dialect.units[valueCols[j]] } : {}), values: values[j] })), intervalMs: grid.intervalMs };
  return { table, report };
}
