// File import, column storage (issue 10 item 7). The importer counts the file's line breaks first
// (an upper bound on its rows), so each column is one array of that size, filled in place and
// handed over without a copy: pages never written are never committed, so the memory is the
// numeric result. Past the bound (a file that grew while read) a column grows in fixed blocks,
// never by doubling, and is copied once at the end. Called by csv-importer.ts.
import { ChunkReader } from './chunk-reader';

/** Values per block: 64 Ki (512 KiB). */
const BLOCK = 1 << 16;
const EMPTY = new Float64Array(0);

export class ColumnStore {
  private blocks: Float64Array[] = [];
  private current: Float64Array;
  private fill = 0;
  private size = 0;

  /** `capacity`: the most values expected (the first block's size). Default: a small first block. */
  constructor(capacity = 0) {
    // Small files stay small: without a capacity the first block is a sixteenth of the others.
    this.current = new Float64Array(capacity > 0 ? capacity : BLOCK >> 4);
  }

  get length(): number {
    return this.size;
  }

  /** Bytes of the blocks held now. */
  get allocatedBytes(): number {
    return (this.blocks.reduce((n, b) => n + b.length, 0) + this.current.length) * 8;
  }

  push(value: number): void {
    if (this.fill === this.current.length) {
      this.blocks.push(this.current);
      this.current = new Float64Array(BLOCK);
      this.fill = 0;
    }
    this.current[this.fill++] = value;
    this.size++;
  }

  /**
   * The values as one array of `length` values; the store is empty afterwards. Within the
   * capacity it is a view of the array filled (no copy; the unused tail was never committed).
   */
  take(): Float64Array {
    if (this.blocks.length === 0) {
      const whole = this.current;
      const n = this.fill;
      this.current = EMPTY;
      this.fill = 0;
      this.size = 0;
      return n === whole.length ? whole : whole.subarray(0, n);
    }
    const out = new Float64Array(this.size);
    let offset = 0;
    const blocks = this.blocks;
    this.blocks = [];
    for (let i = 0; i < blocks.length; i++) {
      out.set(blocks[i], offset);
      offset += blocks[i].length;
      // Why: let each block go as soon as it is copied, so only one column is ever held twice.
      blocks[i] = EMPTY;
    }
    out.set(this.current.subarray(0, this.fill), offset);
    this.current = EMPTY;
    this.fill = 0;
    this.size = 0;
    return out;
  }
}

/** Line feeds (byte 10) in the file: at least its number of lines in UTF-8, Windows-1252 or UTF-16. */
export async function countLineBreaks(path: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for await (const chunk of new ChunkReader(path, 1024 * 1024)) {
    if (signal?.aborted) break;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}
