// Live source: a CSV/TSV log replayed into the live pipeline at a chosen speed, so a file can be
// watched like a sensor. Reads the file with importCsv (main/files), then emits its rows on a
// timer, each sample stamped with the host time `t` as a live sensor's is (the file's own times only pace it).
// Pacing: the gap between rows is the file's interval capped at 1 s, divided by `speed` (so a
// monthly series plays one row per second at speed 1), or 1 / rowsPerSecond when given.
// Created by createSource() for `{ kind: 'replay' }` and, with the shipped demo file, `{ kind: 'demo' }`.
import type { Sample } from '../../shared/samples';
import { EngineError, errorMessage, errorValue } from '../../shared/errors';
import type { SeriesTable } from '../../shared/table';

import { importCsv } from '../files/csv-importer';

import { BaseSource } from './base-source';

export interface ReplayOptions {
  /** The file to replay. */
  path: string;
  /** Multiplier of the file's own pace (see the header). Default `1`. */
  speed?: number;
  /** Rows per second, overriding `speed`. Default: none. */
  rowsPerSecond?: number;
  /** Start again at the end, with a gap marker. Default `false`. */
  loop?: boolean;
  /** Timer period in ms; each tick emits every row that is due, as one batch. Default `50`. */
  tickMs?: number;
  /** Label in the status. Default: the path. */
  label?: string;
  /** Source kind in the status. Default `replay`. */
  kind?: 'replay' | 'demo';
}

const MAX_ROWS_PER_TICK = 20_000;

export class ReplaySource extends BaseSource {
  private table: SeriesTable | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private row = 0;
  private startedAt = 0;
  private rowMs = 1000;
  private readonly opts: ReplayOptions;

  constructor(options: ReplayOptions) {
    super(options.kind ?? 'replay', options.label ?? options.path);
    this.opts = options;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.setState('connecting');
    try {
      this.table ??= (await importCsv(this.opts.path)).table;
    } catch (err) {
      const error = err instanceof EngineError ? err.toValue() : errorValue('BAD_FILE', `${this.opts.path}: ${errorMessage(err)}`);
      this.state.lastError = error;
      this.setState('closed');
      throw EngineError.from(error);
    }
    const table = this.table;
    if (table.channels.length === 0 || table.channels[0].values.length === 0) {
      throw new EngineError('BAD_FILE', `${this.opts.path} has no rows to replay`);
    }
    const speed = this.opts.speed ?? 1;
    if (!(speed > 0)) throw new RangeError(`replay speed must be > 0, got ${speed}`);
    this.rowMs = this.opts.rowsPerSecond ? 1000 / this.opts.rowsPerSecond : Math.min(table.intervalMs ?? 1000, 1000) / speed;
    this.state.channels = table.channels.map((c) => c.name);
    this.row = 0;
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 50);
    this.setState('connected');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flushCounts();
    if (this.state.state !== 'ended') this.setState('closed');
  }

  private tick(): void {
    const table = this.table;
    if (!table) return;
    const rows = table.channels[0].values.length;
    const now = Date.now();
    const due = Math.floor((now - this.startedAt) / this.rowMs);
    if (due - this.row > MAX_ROWS_PER_TICK) {
      // Behind by more than a batch: skip ahead, and say so.
      const skipped = due - MAX_ROWS_PER_TICK - this.row;
      this.state.counts.dropped += skipped;
      this.row += skipped;
      this.gap(now, 'dropped');
    }
    const samples: Sample[] = [];
    while (this.row < due) {
      const i = this.row % rows;
      if (i === 0 && this.row > 0) {
        if (!this.opts.loop) break;
        this.flush(samples);
        samples.length = 0;
        this.gap(now, 'loop');
      }
      const values = table.channels.map((c) => c.values[i]);
      samples.push({ t: now, values });
      this.row++;
    }
    this.flush(samples);
    this.flushCounts();
    if (!this.opts.loop && this.row >= rows) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.setState('ended');
    }
  }

  private flush(samples: Sample[]): void {
    if (samples.length) this.deliver({ channels: this.state.channels, samples: [...samples] });
  }
}
