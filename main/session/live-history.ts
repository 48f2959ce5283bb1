// The live history main keeps of the current source (every sample, gaps marked), for a page that
// opens or reloads after the source started. Caller: session-hub.ts.
import type { HistoryWire } from '../../shared/api/contract';
import { toWireNumbers } from '../../shared/api/wire';
import { RingBuffer } from '../../shared/buffer/ring-buffer';
import type { Sample } from '../../shared/samples';

export class LiveHistory {
  private buffer: RingBuffer;

  /** @param capacity samples kept; the oldest are overwritten. */
  constructor(readonly capacity: number) {
    this.buffer = new RingBuffer({ capacity });
  }

  /** Empties it (a new source). */
  reset(): void {
    this.buffer = new RingBuffer({ capacity: this.capacity });
  }

  /** Follows the source's growing channel list (call before pushing samples with more values). */
  syncChannels(channels: readonly string[]): void {
    this.buffer.syncChannels(channels);
  }

  /** Appends samples whose values are in the order of the channels synced. */
  push(samples: readonly Sample[]): void {
    for (const s of samples) this.buffer.push(s.t, s.values);
  }

  /** Data was lost before the next sample. */
  markGap(): void {
    this.buffer.markGap();
  }

  /** The newest `maxPoints` samples with the rows that follow a gap, for the wire. */
  latest(maxPoints = this.capacity): HistoryWire {
    const snap = this.buffer.latest(maxPoints);
    const values: (number | null)[][] = new Array(snap.time.length);
    for (let i = 0; i < snap.time.length; i++) values[i] = toWireNumbers(snap.channels.map((c) => c.values[i]));
    return { channels: snap.channels.map((c) => c.name), t: Array.from(snap.time), values, gaps: snap.gaps };
  }
}
