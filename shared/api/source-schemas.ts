// The app API's live-source payloads: what a source is (SourceSpec), its ports, its status, and
// the samples and history it sends to the page (zod schemas and the types derived from them).
// Callers: shared/api/commands.ts, main/sources, main/session, main/cli, renderer/src.
import { z } from 'zod';

import { SOURCE_KINDS, SOURCE_STATES } from '../source-status';
import { nullableNumbers, pathSchema } from './primitives';
import { appErrorSchema } from './result';

/** An MQTT broker URL. Why no `user:password@`: the password has its own field, which is never logged or shown. */
export const brokerUrlSchema = z
  .string()
  .max(2048)
  .regex(/^(mqtts?|wss?):\/\/[^\s/?#@]+(\/[^\s@]*)?$/, 'use mqtt://, mqtts://, ws:// or wss:// and a host, with no user name or password in it');

/** An MQTT topic filter: `+` a whole level, `#` only as the last level (MQTT 3.1.1, 4.7.1). */
export const topicFilterSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((t) => !t.includes('\0'), 'topic contains a NUL byte')
  .refine((t) => t.split('/').every((level, i, all) => (!level.includes('+') || level === '+') && (!level.includes('#') || (level === '#' && i === all.length - 1))), 'use + for a whole level and # only as the last level');

/** How a line ends on the wire. `auto` (default) accepts LF, CRLF and a lone CR. */
export const lineEndingSchema = z.enum(['auto', 'lf', 'crlf', 'cr']);
export type LineEnding = z.infer<typeof lineEndingSchema>;

/**
 * Plain-data description of a source: what the page sends, the CLI builds from its flags and the
 * session hub opens (main/sources/create-source.ts). The one source spec: its type is this schema's.
 */
export const sourceSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('serial'),
    /** Device path, e.g. `/dev/ttyACM0`, `/dev/serial/by-id/...`, `COM3`. */
    path: pathSchema,
    /** Must match `Serial.begin(...)` in the sketch. */
    baudRate: z.number().int().min(50).max(4_000_000),
    /** Default `auto`. */
    lineEnding: lineEndingSchema.optional(),
    /** Assert DTR on open. Default `true` (an Arduino Uno/Nano resets when DTR toggles; set false to avoid the reset). */
    dtr: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('replay'),
    /** A CSV/TSV file, read with importCsv. */
    path: pathSchema,
    /** Playback speed: 1 = real time (by the file's time column or interval), 10 = ten times faster. */
    speed: z.number().min(0.01).max(10_000),
    /** Start again at the end. Default `false` (the source ends with state `ended`). */
    loop: z.boolean().optional(),
    /** Rows per second, overriding `speed`. Default: none. */
    rowsPerSecond: z.number().positive().max(1_000_000).optional(),
  }),
  z.strictObject({ kind: z.literal('demo') }),
  z.strictObject({
    kind: z.literal('mqtt'),
    /** Broker URL: `mqtt://host:1883`, `mqtts://host:8883`, `ws://host:9001/mqtt` or `wss://`. No user or password in it. */
    url: brokerUrlSchema,
    /** Topic filters; `+` matches one level, `#` the rest (`home/+/temp`, `sensors/#`). */
    topics: z.array(topicFilterSchema).min(1).max(32),
    /** Default: none (anonymous). */
    username: z.string().max(256).optional(),
    /** Never logged, shown or recorded. Default: none. */
    password: z.string().max(1024).optional(),
    /** Subscription QoS: 0 (at most once), 1 (at least once, default) or 2. */
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    /** For `mqtts://` and `wss://`. */
    tls: z
      .strictObject({
        /** A PEM file with the CA that signed the broker's certificate. Default: the system's CAs. */
        caPath: pathSchema.optional(),
        /** Check the broker's certificate. Default `true`; false accepts any (a self-signed test broker). */
        rejectUnauthorized: z.boolean().optional(),
      })
      .optional(),
  }),
]);
export type SourceSpec = z.infer<typeof sourceSpecSchema>;
/** The page's name for SourceSpec (renderer/src/ui); the same type. */
export type SourceSpecInput = SourceSpec;
export type SerialSpec = Extract<SourceSpec, { kind: 'serial' }>;
export type ReplaySpec = Extract<SourceSpec, { kind: 'replay' }>;
/** An MQTT broker and the topics to read (main/sources/mqtt-source.ts). */
export type MqttSpec = Extract<SourceSpec, { kind: 'mqtt' }>;

/** A serial port as main/sources/ports.ts lists it, for the app's port picker and `sensorcast ports`. */
export const portInfoSchema = z.strictObject({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  /** Stable alias from /dev/serial/by-id (Linux), when there is one. */
  byId: z.string().optional(),
});
export type PortInfo = z.infer<typeof portInfoSchema>;

/** `idle`: no source open. The rest are the sources' own states (shared/source-status.ts). */
export const sourceStateSchema = z.enum(['idle', ...SOURCE_STATES]);

export const statusSchema = z.strictObject({
  sourceId: z.string().nullable(),
  /** Human label of the source, e.g. `/dev/ttyACM0 @ 115200` or `Demo: nottem`. */
  label: z.string(),
  kind: z.enum(SOURCE_KINDS).nullable(),
  state: sourceStateSchema,
  channels: z.array(z.string()),
  units: z.record(z.string(), z.string()),
  samplesPerSecond: z.number(),
  received: z.number().int(),
  rejected: z.number().int(),
  dropped: z.number().int(),
  reconnects: z.number().int(),
  recording: z.strictObject({ on: z.boolean(), path: z.string().nullable(), bytes: z.number(), error: appErrorSchema.nullable() }),
  error: appErrorSchema.nullable(),
});
export type AppStatus = z.infer<typeof statusSchema>;

/**
 * Live rows as they reach the page, the one shape of samples on the wire: channel names, host
 * times (ms), values in channel order (null where a channel had none), and the rows that follow
 * a gap. The history a page loads (getHistory, getState) is this; a sample batch is this with its
 * source and counts.
 */
export const historySchema = z.strictObject({
  channels: z.array(z.string()),
  t: z.array(z.number()),
  values: z.array(nullableNumbers(256)),
  /**
   * Row indices into `t` of the rows that follow a gap (an unplug, a stall, a restart, samples
   * dropped on the way): the page breaks its line there and the forecast restarts.
   */
  gaps: z.array(z.number().int().min(0)),
});
export type HistoryWire = z.infer<typeof historySchema>;

/** The live rows of one batch (sent every ~33 ms, main/session/sample-batcher.ts), bounded, with their source and counts. */
export const sampleBatchSchema = historySchema.extend({
  sourceId: z.string(),
  channels: z.array(z.string()).max(256),
  t: z.array(z.number()).max(200_000),
  values: z.array(nullableNumbers(256)).max(200_000),
  gaps: z.array(z.number().int().min(0)).max(10_000),
  /** Lines the source rejected since the previous batch. */
  rejected: z.number().int(),
  /** Samples dropped since the previous batch (a flood past the batch limit). */
  dropped: z.number().int(),
});
export type SampleBatchWire = z.infer<typeof sampleBatchSchema>;

/**
 * Browser mode: live samples this page did not receive because it read too slowly (the server
 * skips sample batches for a client whose send queue is full). The page shows the count until the
 * user acknowledges it and reloads its history with getHistory, so the chart has no silent hole.
 */
export const samplesMissedSchema = z.strictObject({
  sourceId: z.string().nullable(),
  /** Samples skipped since the previous notice. */
  samples: z.number().int().min(0),
  /** Samples skipped since this page connected. */
  total: z.number().int().min(0),
});
export type SamplesMissed = z.infer<typeof samplesMissedSchema>;
