// Live samples: what a source (serial, file replay, demo) hands to the buffer, the recorder and,
// in batches, the page. Imported by main/sources, main/recorder and main/session/recording.ts;
// `SampleBatch` is read by nobody yet (the page gets the contract's SampleBatchWire: issue 11 item 2).

/** One decoded reading: a timestamp and a value per channel (NaN when a channel is absent). */
export interface Sample {
  /** Receive time in ms since the Unix epoch (host clock). */
  t: number;
  /** The device's own timestamp field (`t`, `time`, `millis`, `ms`), when it sent one. */
  deviceTime?: number;
  values: number[];
}

/** A batch of samples sent together (every ~33 ms), never one message per sample. */
export interface SampleBatch {
  sourceId: string;
  /** Channel names, in the order of each sample's values. May grow as new labels appear. */
  channels: string[];
  /** Receive times, one per sample. */
  t: number[];
  /** Row-major values: `values[i]` belongs to `t[i]`. */
  values: number[][];
  /** Times at which data was lost (disconnect, dropped flood) before the sample at that time. */
  gaps: number[];
  /** Lines rejected since the last batch, by reason. */
  rejected: number;
  /** Samples dropped since the last batch because the consumer could not keep up. */
  dropped: number;
}
