// The alert log: the alerts raised, newest last, each acknowledgeable; bounded, so a long
// unattended run cannot grow it without end. Pure; kept by `sensorcast watch` and, later, the page.
import type { AlertEvent } from './evaluator';

export interface AlertLogEntry extends AlertEvent {
  /** Unique within the log, increasing. */
  id: number;
  acknowledged: boolean;
}

export interface AlertLogOptions {
  /** Most entries kept; the oldest go first. Default 500. */
  capacity?: number;
}

export class AlertLog {
  private readonly capacity: number;
  private readonly list: AlertLogEntry[] = [];
  private nextId = 1;
  /** Entries dropped to stay within the capacity. */
  dropped = 0;

  constructor(options: AlertLogOptions = {}) {
    this.capacity = options.capacity ?? 500;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError(`AlertLog capacity must be a whole number >= 1, got ${this.capacity}`);
  }

  add(event: AlertEvent): AlertLogEntry {
    const entry: AlertLogEntry = { ...event, id: this.nextId++, acknowledged: false };
    this.list.push(entry);
    if (this.list.length > this.capacity) {
      // Drop the oldest acknowledged entry if there is one, else the oldest.
      const at = this.list.findIndex((e) => e.acknowledged);
      this.list.splice(at >= 0 ? at : 0, 1);
      this.dropped++;
    }
    return entry;
  }

  /** The entries, oldest first (do not modify them). */
  entries(): readonly AlertLogEntry[] {
    return this.list;
  }

  /** Marks one entry read; false when it is not in the log (any more). */
  acknowledge(id: number): boolean {
    const entry = this.list.find((e) => e.id === id);
    if (entry) entry.acknowledged = true;
    return entry !== undefined;
  }

  /** Marks every entry read; returns how many were not. */
  acknowledgeAll(): number {
    let n = 0;
    for (const e of this.list) {
      if (!e.acknowledged) n++;
      e.acknowledged = true;
    }
    return n;
  }

  /** Entries not yet acknowledged. */
  unacknowledged(): number {
    return this.list.reduce((n, e) => n + (e.acknowledged ? 0 : 1), 0);
  }
}
