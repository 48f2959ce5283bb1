// The page's serial monitor, its data: the newest lines main forwarded (bounded), what a paused
// view holds while lines keep arriving (and how many came meanwhile), the search filter, and the
// lines main did not forward (a flood, or while the monitor was closed) as one note each. Pure, no
// DOM: called by ui/monitor-panel.ts; unit-tested under test/renderer/ui/.
import type { MonitorLine } from '../../../shared/api/contract';
import { REASON_TEXT } from '../../../shared/decode/raw-line';

/** A line, or a note where lines are missing. */
export type MonitorRow = MonitorLine | { kind: 'note'; seq: number; t: number; text: string };

export interface MonitorBufferOptions {
  /** Lines kept (the oldest go first). Default 2,000. */
  capacity?: number;
}

export class MonitorBuffer {
  readonly capacity: number;
  private rows: MonitorRow[] = [];
  /** The view while paused (what was shown when Pause was pressed); null while following. */
  private frozen: MonitorRow[] | null = null;
  /** Lines that arrived since Pause. */
  private arrived = 0;
  private lastSeq = -1;

  constructor(options: MonitorBufferOptions = {}) {
    this.capacity = options.capacity ?? 2000;
  }

  get paused(): boolean {
    return this.frozen !== null;
  }

  /** Lines that arrived while paused (they show on resume, the newest `capacity` of them). */
  get arrivedWhilePaused(): number {
    return this.arrived;
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Takes lines from main (a batch, or the backlog of a monitor that opens): lines already held
   * are dropped, a jump in the numbering or `skipped` lines become a note. Returns the rows added.
   */
  add(lines: readonly MonitorLine[], skipped = 0): MonitorRow[] {
    const added: MonitorRow[] = [];
    for (const line of lines) {
      if (line.seq <= this.lastSeq) continue;
      const missing = this.lastSeq >= 0 ? line.seq - this.lastSeq - 1 : 0;
      if (missing > 0) added.push(note(line, `${missing.toLocaleString('en-US')} ${missing === 1 ? 'line' : 'lines'} not shown (the monitor was closed or behind)`));
      added.push(line);
      this.lastSeq = line.seq;
    }
    if (skipped > 0) {
      const t = added.at(-1)?.t ?? Date.now();
      added.push({ kind: 'note', seq: this.lastSeq, t, text: `${skipped.toLocaleString('en-US')} ${skipped === 1 ? 'line' : 'lines'} not shown (they came faster than the monitor shows)` });
    }
    if (added.length === 0) return added;
    this.rows.push(...added);
    if (this.rows.length > this.capacity) this.rows.splice(0, this.rows.length - this.capacity);
    if (this.frozen) this.arrived += added.filter((r) => r.kind !== 'note').length;
    return added;
  }

  /** Freezes the view; lines keep arriving into the buffer. */
  pause(): void {
    if (this.frozen) return;
    this.frozen = [...this.rows];
    this.arrived = 0;
  }

  /** Follows again: the view is the buffer, with what arrived meanwhile. */
  resume(): void {
    this.frozen = null;
    this.arrived = 0;
  }

  /** Forgets every line (Clear, or a new source); the numbering goes on. */
  clear(): void {
    this.rows = [];
    if (this.frozen) this.frozen = [];
    this.arrived = 0;
  }

  /** Starts over for a new source: nothing held, not paused, any numbering accepted. */
  reset(): void {
    this.rows = [];
    this.frozen = null;
    this.arrived = 0;
    this.lastSeq = -1;
  }

  /** What the view shows: the frozen rows while paused, else the buffer; only rows matching `filter`. */
  visible(filter = ''): MonitorRow[] {
    const rows = this.frozen ?? this.rows;
    return filter ? rows.filter((r) => matches(r, filter)) : rows;
  }
}

/** Whether a row matches the search text (case-insensitive), in its text or its reject reason. */
export function matches(row: MonitorRow, filter: string): boolean {
  const f = filter.toLowerCase();
  if (row.text.toLowerCase().includes(f)) return true;
  return row.kind === 'rejected' && `rejected: ${row.reason ? REASON_TEXT[row.reason] : ''}`.includes(f);
}

/** The words beside a rejected line: `rejected: text`. */
export function rejectText(row: MonitorRow): string {
  return row.kind === 'rejected' && row.reason ? `rejected: ${REASON_TEXT[row.reason]}` : '';
}

function note(before: MonitorLine, text: string): MonitorRow {
  return { kind: 'note', seq: before.seq - 1, t: before.t, text };
}
