// Live samples: what a source (serial, file replay, demo) hands to the buffer, the recorder and,
// in batches (the contract's SampleBatchWire, main/session/sample-batcher.ts), the page. Imported by
// main/sources, main/recorder and main/session.

/** One decoded reading: a timestamp and a value per channel (NaN when a channel is absent). */
export interface Sample {
  /** Receive time in ms since the Unix epoch (host clock). */
  t: number;
  values: number[];
}
