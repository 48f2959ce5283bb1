// Cooperative scheduling for long engine work: lets pending events (a cancel click, progress)
// run between slices of synchronous work, so that cancel acts within half a second in the CLI
// and in the page's worker. Used by linear.ts, select.ts and train.ts.
import { EngineError } from './errors';
import type { CancelSignal } from './types';

/** Resolves after pending events ran. Reached through globalThis: shared/ has neither DOM nor Node types. */
export const yieldToEvents = (): Promise<void> =>
  new Promise((resolve) => (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(resolve, 0));

/** Work between two yields, in milliseconds. */
const SLICE_MS = 50;

/** A clock for slicing a loop: `due()` is cheap; `pause()` yields and throws CANCELLED when the signal is set. */
export class TimeSlicer {
  private last = Date.now();

  constructor(private readonly signal?: CancelSignal) {}

  due(): boolean {
    return Date.now() - this.last >= SLICE_MS;
  }

  async pause(): Promise<void> {
    await yieldToEvents();
    this.last = Date.now();
    if (this.signal?.aborted) throw new EngineError('CANCELLED', 'training was cancelled');
  }
}
