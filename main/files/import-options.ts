// File import, its options: what a caller of importCsv (csv-importer.ts) may choose, each with its
// default. Callers: the CLI (main/cli/engine-cli.ts), the replay source, the app's file import.
import type { TextEncodingName } from './encoding';
import type { DecimalMark, Delimiter } from './sniff';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  /** Field delimiter. Default: detected from the first lines (`,` `;` tab `|`). */
  delimiter?: Delimiter;
  /** Decimal mark. Default: detected (`,` in `;`/tab files whose values look like `1,5`). */
  decimal?: DecimalMark;
  /** Text encoding. Default: detected (BOM, UTF-16 without BOM, UTF-8, else Windows-1252). */
  encoding?: TextEncodingName;
  /** Time column by header name or 0-based index; `null` for none. Default: detected. */
  timeColumn?: string | number | null;
  /** Put irregular times on a regular grid (see grid.ts). Default `true`. */
  grid?: boolean;
  /** Called after each chunk. Default: none. */
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels the import; it then rejects with code CANCELLED. Default: none. */
  signal?: AbortSignal;
  /** Bytes read per chunk. Default `256 KiB` (least CPU per row in the benchmark). */
  chunkBytes?: number;
  /** Most rows kept; past it the import stops and is marked partial. Default `50_000_000`. */
  maxRows?: number;
  /**
   * Most bytes the numbers may take in memory (8 per value, time included); a file whose result
   * would be larger stops with TOO_LARGE before or while it is read. Default: half the machine's memory.
   */
  maxResultBytes?: number;
  /** Keep every k-th data row (1st, k+1-th, ...); rows in between are not read further. Default 1. */
  every?: number;
  /** Keep rows at or after this time (ms since 1970 UTC); needs a time column. Default: no limit. */
  from?: number;
  /** Keep rows before this time (ms since 1970 UTC); needs a time column. Default: no limit. */
  to?: number;
}
