// File import, column storage: the numbers of one column kept in fixed blocks while the file is
// read, so a column grows by one block at a time (never by doubling and copying), then handed over
// as one exact Float64Array, the blocks let go as they are copied. With this, an import's memory is
// the numeric result plus a block per column (issue 10 item 7). Called by csv-importer.ts.

/** Values per block: 64 Ki (512 KiB). */
const BLOCK = 1 << 16;

export class ColumnStore {
  private blocks: Float64Array[] = [];
  private current: Float64Array;
  private fill = 0;
  private size = 0;

  constructor() {
    // Small files stay small: the first block is a sixteenth of the others.
    this.current = new Float64Array(BLOCK >> 4);
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

  /** The values as one array of exactly `length`; the store is empty afterwards. */
  take(): Float64Array {
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
    this.current = new Float64Array(0);
    this.fill = 0;
    this.size = 0;
    return out;
  }
}

const EMPTY = new Float64Array(0);
