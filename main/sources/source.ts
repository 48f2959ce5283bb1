// The Source contract: every live data source (serial port, MQTT broker, file replay, demo) implements it,
// and the app, the recorder and the CLI consume it. Implementations differ only in what they
// plug in (serialport's own design): see serial-source.ts, mqtt-source.ts, replay-source.ts, demo-source.ts;
// create-source.ts builds one from a spec. Types only, so the implementations import it freely.
import type { Sample } from '../../shared/samples';
import type { DataError, SourceKind, SourceStatus } from '../../shared/source-status';

/** How a line ends on the wire. `auto` (default) accepts LF, CRLF and a lone CR. */
export type LineEnding = 'auto' | 'lf' | 'crlf' | 'cr';

/** Plain-data description of a source: what the page sends over IPC and the CLI builds from flags. */
export type SourceSpec =
  | {
      kind: 'serial';
      /** Device path, e.g. `/dev/ttyACM0`, `/dev/serial/by-id/...`, `COM3`. */
      path: string;
      /** Must match `Serial.begin(...)` in the sketch. */
      baudRate: number;
      /** Default `auto`. */
      lineEnding?: LineEnding;
      /** Assert DTR on open. Default `true` (an Arduino Uno/Nano resets when DTR toggles; set false to avoid the reset). */
      dtr?: boolean;
    }
  | {
      kind: 'replay';
      /** A CSV/TSV file, read with importCsv. */
      path: string;
      /** Playback speed: 1 = real time (by the file's time column or interval), 10 = ten times faster. */
      speed: number;
      /** Start again at the end. Default `false` (the source ends with state `ended`). */
      loop?: boolean;
      /** Rows per second, overriding `speed`. Default: none. */
      rowsPerSecond?: number;
    }
  | { kind: 'demo' }
  | MqttSpec;

/** An MQTT broker and the topics to read (mqtt-source.ts). */
export interface MqttSpec {
  kind: 'mqtt';
  /** Broker URL: `mqtt://host:1883`, `mqtts://host:8883`, `ws://host:9001/mqtt` or `wss://`. No user or password in it. */
  url: string;
  /** Topic filters; `+` matches one level, `#` the rest (`home/+/temp`, `sensors/#`). */
  topics: string[];
  /** Default: none (anonymous). */
  username?: string;
  /** Never logged, shown or recorded. Default: none. */
  password?: string;
  /** Subscription QoS: 0 (at most once), 1 (at least once, default) or 2. */
  qos?: 0 | 1 | 2;
  /** For `mqtts://` and `wss://`. */
  tls?: {
    /** A PEM file with the CA that signed the broker's certificate. Default: the system's CAs. */
    caPath?: string;
    /** Check the broker's certificate. Default `true`; false accepts any (a self-signed test broker). */
    rejectUnauthorized?: boolean;
  };
}

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
  error: (error: DataError) => void;
}

export interface Source {
  readonly kind: SourceKind;
  /** Port path, file path, broker URL and topics, or `demo`. */
  readonly label: string;
  /**
   * Connects. Resolves once data can flow; rejects with a DataException (PORT_BUSY,
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
