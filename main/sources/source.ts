// The Source contract: every live data source (serial port, MQTT broker, file replay, demo) implements it,
// and the app, the recorder and the CLI consume it. Implementations differ only in what they
// plug in (serialport's own design): see serial-source.ts, mqtt-source.ts, replay-source.ts, demo-source.ts;
// create-source.ts builds one from a spec (SourceSpec, shared/api/contract.ts). Types only, so the
// implementations import it freely.
import type { Sample } from '../../shared/samples';
import type { SourceKind, SourceStatus } from '../../shared/source-status';
import type { ErrorValue } from '../../shared/errors';

/** Decoded samples, delivered in small batches (one per chunk of input), never one event per sample. */
export interface SourceBatch {
  /** Channel names in the order of each sample's values; may grow as new labels appear. */
  channels: string[];
  samples: Sample[];
}

/** Why data is missing between two samples. */
export type GapReason = 'disconnected' | 'stalled' | 'dropped' | 'loop';

export interface SourceEvents {
  /** Decoded samples. */
  samples: (batch: SourceBatch) => void;
  /** Data was lost at host time `t` (ms): the next samples do not continue the previous ones. */
  gap: (t: number, reason: GapReason) => void;
  /** Every state or count change worth showing (at most a few per second for counts). */
  status: (status: SourceStatus) => void;
  /** An expected failure (also kept in `status().lastError`). Never thrown. */
  error: (error: ErrorValue) => void;
}

export interface Source {
  readonly kind: SourceKind;
  /** Port path, file path, broker URL and topics, or `demo`. */
  readonly label: string;
  /**
   * Connects. Resolves once data can flow; rejects with an EngineError (PORT_BUSY,
   * PERMISSION_DENIED, NO_SUCH_PORT, FILE_NOT_FOUND, BAD_FILE, ...) if the first attempt fails.
   * After that, losses are reported as status changes and the source reconnects by itself.
   */
  start(): Promise<void>;
  /** Stops and releases the port/file/timers. Idempotent. State becomes `closed`. */
  stop(): Promise<void>;
  status(): SourceStatus;
  on<E extends keyof SourceEvents>(event: E, listener: SourceEvents[E]): this;
  off<E extends keyof SourceEvents>(event: E, listener: SourceEvents[E]): this;
}
