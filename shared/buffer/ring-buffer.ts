// Bounded per-channel ring buffer of live samples (typed arrays): the chart's live window and the
// training history. Memory is fixed by `capacity` at construction, so a 24-hour stream at 100 Hz
// keeps it flat. Called by the app's live pipeline (main and the page) after a source's batches.
import { medianInterval } from '../series/time-grid';
import type { SeriesTable } from '../table';

export interface RingBufferOptions {
  /** Samples kept per channel; the oldest are overwritten. Required. */
  capacity: number;
  /** Initial channel names. Default `[]` (channels are added as they appear). */
  channels?: string[];
  /** Most channels accepted; a sample's extra values are ignored. Default `64`. */
  maxChannels?: number;
}

/** Copy of the newest rows, oldest first. */
export interface RingSnapshot extends SeriesTable {
  time: Float64Array;
  /** Row indices (into this snapshot) of samples that follow a gap (data lost before them). */
  gaps: number[];
}

export class RingBuffer {
  readonly capacity: number;
  private readonly maxChannels: number;
  private readonly names: string[] = [];
  private readonly time: Float64Array;
  private readonly gapFlags: Uint8Array;
  private readonly columns: Float64Array[] = [];
  private head = 0; // next slot to write
  private size = 0;
  private total = 0;
  private pendingGap = false;

  constructor(options: RingBufferOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${options.capacity}`);
    }
    this.capacity = options.capacity;
    this.maxChannels = options.maxChannels ?? 64;
    this.time = new Float64Array(this.capacity);
    this.gapFlags = new Uint8Array(this.capacity);
    for (const name of options.channels ?? []) this.addChannel(name);
  }

  /** Channel names, in column order. */
  get channels(): readonly string[] {
    return this.names;
  }

  /** Rows held now (<= capacity). */
  get length(): number {
    return this.size;
  }

  /** Rows ever pushed. `totalPushed - length` rows have been overwritten. */
  get totalPushed(): number {
    return this.total;
  }

  /** Bytes held by the typed arrays (fixed for a given channel count). */
  get byteLength(): number {
    return this.time.byteLength + this.gapFlags.byteLength + this.columns.reduce((n, c) => n + c.byteLength, 0);
  }

  /** Adds a channel (earlier rows read as NaN). Returns its column index, or -1 past maxChannels. */
  addChannel(name: string): number {
    const existing = this.names.indexOf(name);
    if (existing >= 0) return existing;
    if (this.names.length >= this.maxChannels) return -1;
    this.names.push(name);
    this.columns.push(new Float64Array(this.capacity).fill(Number.NaN));
    return this.names.length - 1;
  }

  /** Makes the buffer's channels follow `names` (a source's growing channel list). */
  syncChannels(names: readonly string[]): void {
    for (const name of names) this.addChannel(name);
  }

  /** Marks that data was lost before the next pushed row. */
  markGap(): void {
    this.pendingGap = true;
  }

  /**
   * Appends one row. `values[i]` belongs to `channels[i]` of the buffer (sync channels first);
   * missing values are NaN, and columns beyond `values.length` get NaN.
   */
  push(t: number, values: ArrayLike<number>): void {
    const slot = this.head;
    this.time[slot] = t;
    this.gapFlags[slot] = this.pendingGap ? 1 : 0;
    this.pendingGap = false;
    const n = this.columns.length;
    for (let c = 0; c < n; c++) this.columns[c][slot] = c < values.length ? values[c] : Number.NaN;
    this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    if (this.size < this.capacity) this.size++;
    this.total++;
  }

  /** The newest `count` rows (default: all held), oldest first, as copies. */
  latest(count = this.size): RingSnapshot {
    const n = Math.max(0, Math.min(count, this.size));
    const start = (this.head - n + this.capacity) % this.capacity;
    const time = new Float64Array(n);
    const channels = this.names.map((name) => ({ name, values: new Float64Array(n) }));
    const gaps: number[] = [];
    for (let i = 0; i < n; i++) {
      const slot = (start + i) % this.capacity;
      time[i] = this.time[slot];
      if (this.gapFlags[slot] && i > 0) gaps.push(i);
      for (let c = 0; c < channels.length; c++) channels[c].values[i] = this.columns[c][slot];
    }
    return { time, channels, intervalMs: medianInterval(time, 1000), gaps };
  }

  /** Rows with `from <= t < to` (host ms), oldest first: the chart's live window. */
  window(from: number, to = Number.POSITIVE_INFINITY): RingSnapshot {
    // Times are pushed in order, so count back from the newest row.
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head - 1 - i + 2 * this.capacity) % this.capacity;
      if (this.time[slot] < from) break;
      n++;
    }
    const snap = this.latest(n);
    let end = snap.time.length;
    while (end > 0 && snap.time[end - 1] >= to) end--;
    if (end === snap.time.length) return snap;
    return {
      time: snap.time.slice(0, end),
      channels: snap.channels.map((c) => ({ name: c.name, values: c.values.slice(0, end) })),
      intervalMs: medianInterval(snap.time.subarray(0, end), 1000),
      gaps: snap.gaps.filter((g) => g < end),
    };
  }

  /** Empties the buffer, keeping its channels and memory. */
  clear(): void {
    this.head = 0;
    this.size = 0;
    this.pendingGap = false;
  }
}
