// The app API's monitor payloads: the raw lines (or MQTT messages) main forwards to a page whose monitor is
// open (event `monitor`, in batches), the lease a page holds while it shows them (`monitorWatch`),
// and a line the page sends to the board (`sendLine`). The line record is shared/decode/raw-line.ts's.
// Callers: shared/api/commands.ts, main/session/monitor-feed.ts, renderer/src/ui/monitor-*.ts.
import { z } from 'zod';

import type { SendEnding } from '../decode/raw-line';

/** Longest line sent from the send box, in characters (a command to a sketch, not a file). */
export const MAX_SEND_CHARS = 512;
/** Longest line text forwarded (the serial source caps lines at 1,024 characters by default). */
export const MAX_MONITOR_TEXT = 4096;
/** Most lines in one `monitor` event (about a tenth of a second of a flood; more are skipped and counted). */
export const MAX_MONITOR_BATCH = 1000;
/** Lines main keeps for a monitor that opens (its backlog), and the most a `monitorWatch` returns. */
export const MONITOR_BACKLOG = 500;

export const monitorLineSchema = z.strictObject({
  /** Main's running number of the line (never reused): a page drops lines it already has, and a jump is lines it missed. */
  seq: z.number().int().min(0),
  /** Host time it arrived (or was sent), ms since the epoch. */
  t: z.number(),
  kind: z.enum(['data', 'header', 'empty', 'rejected', 'sent']),
  text: z.string().max(MAX_MONITOR_TEXT),
  /** Why the decoder rejected it (kind `rejected`). */
  reason: z.enum(['too-long', 'binary', 'non-numeric', 'too-many-channels', 'empty', 'bad-json', 'no-numbers', 'bad-time', 'too-many-topics']).optional(),
});
export type MonitorLine = z.infer<typeof monitorLineSchema>;

/** Event `monitor`: the lines since the previous batch, sent about ten times a second while a page watches. */
export const monitorBatchSchema = z.strictObject({
  sourceId: z.string(),
  lines: z.array(monitorLineSchema).max(MAX_MONITOR_BATCH),
  /** Lines main did not forward since the previous batch (more than MAX_MONITOR_BATCH in a tenth of a second). */
  skipped: z.number().int().min(0),
});
export type MonitorBatch = z.infer<typeof monitorBatchSchema>;

export const monitorWatchParamsSchema = z.strictObject({
  /** The page's own random id, so two pages (browser mode) hold their leases apart. */
  viewer: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'viewer must be 8 to 64 letters, digits, _ or -'),
  /** true: the monitor is open (renew at least every 10 s; a lease lasts 30 s); false: it closed. */
  open: z.boolean(),
});

export const monitorWatchResultSchema = z.strictObject({
  /** The live source, or null when none is open. */
  sourceId: z.string().nullable(),
  /** Whether this source has raw lines to show (a serial port, an MQTT broker's messages). */
  raw: z.boolean(),
  /** Whether the monitor can send it a line (a serial port). */
  sends: z.boolean(),
  /** The newest lines main kept (at most MONITOR_BACKLOG), oldest first; empty on `open: false`. */
  lines: z.array(monitorLineSchema).max(MONITOR_BACKLOG),
});
export type MonitorWatch = z.infer<typeof monitorWatchResultSchema>;

export const sendLineParamsSchema = z.strictObject({
  /** One line, without its line end. */
  text: z
    .string()
    .max(MAX_SEND_CHARS, `a line to send is at most ${MAX_SEND_CHARS} characters`)
    // Why: a NUL or a line break inside would reach the sketch as something else than the one line the user typed.
    .refine((t) => !/[\0\r\n]/.test(t), 'a line to send has no NUL byte and no line break (choose the line ending instead)'),
  /** Appended to the text: `lf` (`\n`, Serial.readStringUntil('\n')), `crlf`, `cr` or `none`. */
  ending: z.enum(['lf', 'crlf', 'cr', 'none']) satisfies z.ZodType<SendEnding>,
});
export type SendLineParams = z.infer<typeof sendLineParamsSchema>;
