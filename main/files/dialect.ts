// The dialect a file was written in, for writing back in it: delimiter, decimal mark and time
// layout as the importer found them (its report, plus one time value read again from the file's
// head), and numbers in either decimal mark. Called by main/api/app-services.ts (each import:
// the page keeps it with the file) and main/cli/commands/forecast.ts (`--dialect source`);
// written by forecast-csv.ts.
import { open } from 'node:fs/promises';

import Papa from 'papaparse';

import { standardDialect, type CsvDialect } from '../../shared/api/dialect';

import type { ImportReport } from './import-report';
import { timeParser } from './time-format';
import { describeLayout, layoutOf } from './time-layout';

type DialectReport = Pick<ImportReport, 'path' | 'encoding' | 'delimiter' | 'decimal' | 'header' | 'headerLine' | 'columns' | 'timeColumn' | 'timeFormat' | 'timeZoneName'>;

const HEAD_BYTES = 64 * 1024;

/** `UTC-04:00` (the report's timeZoneName) -> ms east of UTC; null for none. */
function nameOffsetMs(name: string | undefined): number | null {
  const m = name ? /^UTC([+-])(\d{2}):(\d{2})$/.exec(name) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : null;
}

const DELIMITER_WORDS: Record<CsvDialect['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

/**
 * The first value of the time column below the header that reads as a time, from the file's first
 * 64 KB; undefined when none does (the layout is then the format's plain one).
 */
export async function readTimeSample(report: DialectReport): Promise<string | undefined> {
  const column = report.timeColumn === null ? -1 : report.columns.indexOf(report.timeColumn);
  if (column < 0 || !report.timeFormat) return undefined;
  const handle = await open(report.path, 'r');
  let text: string;
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    // Times are ASCII: latin1 reads them the same in UTF-8 and Windows-1252.
    text = new TextDecoder(report.encoding.startsWith('utf-16') ? report.encoding : 'latin1').decode(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(report.header ? (report.headerLine ?? 1) : 0, -1);
  const parse = timeParser(report.timeFormat);
  for (const line of lines.slice(0, 1000)) {
    const cell = Papa.parse<string[]>(line, { delimiter: report.delimiter }).data[0]?.[column]?.trim();
    if (cell && !Number.isNaN(parse(cell))) return cell;
  }
  return undefined;
}

/** The dialect of an imported file, its time layout from `sample` (see readTimeSample). */
export function dialectOf(report: Pick<DialectReport, 'delimiter' | 'decimal' | 'timeFormat' | 'timeZoneName'>, sample: string | undefined): CsvDialect {
  const time = layoutOf(report.timeFormat, sample, nameOffsetMs(report.timeZoneName));
  return { delimiter: report.delimiter, decimal: report.decimal, time, label: `${DELIMITER_WORDS[report.delimiter]} and decimal ${report.decimal === ',' ? 'comma' : 'point'}, ${describeLayout(time)}` };
}

/** The dialect of an imported file, read from its report and head (never fails: the format's plain layout then). */
export async function fileDialect(report: DialectReport): Promise<CsvDialect> {
  return dialectOf(report, await readTimeSample(report).catch(() => undefined));
}

/** The dialect `--dialect` names: the file's (`source`) or the standard one. */
export function chooseDialect(choice: 'source' | 'standard', source: CsvDialect): CsvDialect {
  return choice === 'source' ? source : standardDialect(source.time.kind !== 'index');
}

/**
 * A number with the dialect's decimal mark, all its digits (so it reads back the same), or `digits`
 * significant digits; empty when not finite. Never grouped.
 */
export function numberWriter(decimal: CsvDialect['decimal'], digits?: number): (x: number | null) => string {
  return (x) => {
    if (x === null || !Number.isFinite(x)) return '';
    const s = String(digits ? Number(x.toPrecision(digits)) : x);
    return decimal === ',' ? s.replace('.', ',') : s;
  };
}
