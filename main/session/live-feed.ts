// The live samples of the session's current source, on their way to the page: the channel list
// as it grows, the batches for the page (sample-batcher.ts: every ~33 ms, flood control, gaps by
// row index), the history a page catches up with (live-history.ts) and the rate and counts for
// the status line (rate-meter.ts). Caller: session-hub.ts, which routes the source's events here.
import type { HistoryWire, SampleBatchWire } from '../../shared/api/contract';
import type { Sample } from '../../shared/samples';

import { LiveHistory } from './live-history';
import { RateMeter } from './rate-meter';
import { SampleBatcher } from './sample-batcher';

export class LiveFeed {
  private readonly batcher: SampleBatcher;
  private readonly live: LiveHistory;
  private readonly rate = new RateMeter();
  private names: string[] = [];
  private count = 0;

  /**
   * @param maxBatchSamples most samples in one batch; beyond, samples are dropped and counted.
   * @param historyCapacity samples kept in the history.
   */
  constructor(maxBatchSamples: number, historyCapacity: number) {
    this.batcher = new SampleBatcher(maxBatchSamples);
    this.live = new LiveHistory(historyCapacity);
  }

  /** The channels in the order of each sample's values. */
  get channels(): readonly string[] {
    return this.names;
  }

  /** Samples received since the source opened. */
  get received(): number {
    return this.count;
  }

  /** Samples dropped on the way to the page (a flood past a batch). */
  get dropped(): number {
    return this.batcher.dropped;
  }

  perSecond(): number {
    return this.rate.perSecond();
  }

  /** Forgets everything (a new source). */
  reset(): void {
    this.names = [];
    this.live.reset();
    this.batcher.reset();
    this.count = 0;
    this.rate.reset();
  }

  /** True when `channels` differ from the current ones: the pending batch must go out first under the old names. */
  channelsChange(channels: readonly string[]): boolean {
    return channels.length !== this.names.length || channels.some((c, i) => c !== this.names[i]);
  }

  /** Samples whose values are in the order of `channels` (the current ones, or a list that grew). */
  add(channels: readonly string[], samples: readonly Sample[]): void {
    if (this.channelsChange(channels)) {
      this.names = [...channels];
      this.live.syncChannels(this.names);
    }
    this.live.push(samples);
    this.batcher.add(samples);
    this.count += samples.length;
    this.rate.add(samples.length);
  }

  /** Data was lost: the next sample follows a gap, in the history and in the page's batches. */
  gap(): void {
    this.live.markGap();
    this.batcher.gap();
  }

  /** Lines the source rejected, told with the next batch. */
  reject(lines: number): void {
    this.batcher.reject(lines);
  }

  /** The batch to send now, or null when there is nothing to tell. */
  take(sourceId: string): SampleBatchWire | null {
    return this.batcher.take(sourceId, this.names);
  }

  /** The newest `maxPoints` samples of the history (default all), gaps marked. */
  history(maxPoints?: number): HistoryWire {
    return this.live.latest(maxPoints);
  }
}
