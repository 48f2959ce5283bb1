// Batching and flow control of live samples on their way to the page: the session hub adds what
// the source delivers and takes one batch per timer tick. A flood past `maxBatchSamples` is
// dropped and counted, never queued; the rows that follow a gap (an unplug, a stall, a restart, a
// drop) are marked by index, and a gap with no row after it yet waits for the next batch.
// Caller: session-hub.ts.
import type { SampleBatchWire } from '../../shared/api/contract';
import { toWireNumbers } from '../../shared/api/wire';
import type { Sample } from '../../shared/samples';

/** The batch being gathered, in the wire's own fields; `gapNext`: data was lost after the last row, so the next row follows a gap. */
type Pending = Pick<SampleBatchWire, 't' | 'values' | 'gaps' | 'rejected' | 'dropped'> & { gapNext: boolean };

function emptyPending(gapNext = false): Pending {
  return { t: [], values: [], gaps: [], gapNext, rejected: 0, dropped: 0 };
}

export class SampleBatcher {
  private pending = emptyPending();
  private droppedTotal = 0;

  /** @param maxBatchSamples most samples in one batch; beyond, samples are dropped and counted. */
  constructor(private readonly maxBatchSamples: number) {}

  /** Samples dropped (a flood past maxBatchSamples) since the last reset. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Forgets everything pending (a new source). */
  reset(): void {
    this.pending = emptyPending();
    this.droppedTotal = 0;
  }

  /** Queues samples for the next batch, as far as it has room. */
  add(samples: readonly Sample[]): void {
    const p = this.pending;
    const room = Math.max(0, this.maxBatchSamples - p.t.length);
    const kept = Math.min(room, samples.length);
    for (let i = 0; i < kept; i++) {
      if (p.gapNext) {
        p.gaps.push(p.t.length);
        p.gapNext = false;
      }
      p.t.push(samples[i].t);
      p.values.push(toWireNumbers(samples[i].values));
    }
    if (kept < samples.length) {
      // Why: a flood must not grow memory or stall the page; what we cannot send is counted, and
      // the page's next row follows a gap (main's history keeps every sample).
      p.dropped += samples.length - kept;
      this.droppedTotal += samples.length - kept;
      p.gapNext = true;
    }
  }

  /** Data was lost: the next row queued follows a gap. */
  gap(): void {
    this.pending.gapNext = true;
  }

  /** Lines the source rejected since the last batch. */
  reject(lines: number): void {
    this.pending.rejected += lines;
  }

  /** The batch to send now, or null when there is nothing to tell. A gap without a row after it stays pending. */
  take(sourceId: string, channels: readonly string[]): SampleBatchWire | null {
    const p = this.pending;
    if (p.t.length === 0 && p.rejected === 0 && p.dropped === 0) return null;
    this.pending = emptyPending(p.gapNext);
    return { sourceId, channels: [...channels], t: p.t, values: p.values, gaps: p.gaps, rejected: p.rejected, dropped: p.dropped };
  }
}
