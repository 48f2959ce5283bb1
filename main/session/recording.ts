// What the session hub needs of a recorder: the seam between the hub and main/recorder.
// Callers: recording-control.ts (consumer, for session-hub.ts), create-session.ts (takes one per
// recording from its deps; default-deps.ts plugs in main/recorder/recorder.ts, which implements it).
import type { Sample } from '../../shared/samples';
import type { ErrorValue } from '../../shared/errors';

export interface LiveRecorder {
  /** Opens the recording file for these channels; rejects with an EngineError on failure. */
  start(channels: string[]): Promise<void>;
  /** Appends samples (values in `channels` order); never throws (errors go to onError). */
  write(channels: string[], samples: Sample[]): void;
  /** Writes a gap marker at host time `t`. */
  gap(t: number): void;
  /** Flushes, fsyncs and closes. */
  stop(): Promise<void>;
  /** Where it records and how much is written. */
  info(): { path: string; bytes: number };
  /** Called once when recording stops by itself (disk full, folder gone). */
  onError(listener: (error: ErrorValue) => void): void;
}
