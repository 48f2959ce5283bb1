// Live data for the monitor: one line as it arrived from the board (or was sent to it), or one MQTT
// message (`topic payload`), with
// its receive time and what the decoder made of it, and the words both monitors use for it. Pure:
// the serial source (main/sources/serial-intake.ts) and the MQTT source build these, the page's monitor
// (renderer/src/ui/monitor-*.ts) and `sensorcast monitor` (main/cli/monitor-format.ts) show them.
import type { DecodeResult, RejectReason } from './line-decoder';
import type { PayloadRejectReason } from './mqtt-payload';

/** `data`: decoded to values; `header`: names for the values that follow; `sent`: typed by the user. */
export type RawLineKind = 'data' | 'header' | 'empty' | 'rejected' | 'sent';

export interface RawLine {
  /** Host time it arrived (or was sent), ms since the epoch. */
  t: number;
  kind: RawLineKind;
  /** The line without its line end; for a run of text over the cap, `overflowText(length)`. */
  text: string;
  /** Why it was rejected (`kind` `rejected` only). */
  reason?: LineRejectReason;
}

/** Why a serial line or an MQTT message was rejected. */
export type LineRejectReason = RejectReason | PayloadRejectReason;

/** The words a user reads for each reason the decoders give. */
export const REASON_TEXT: Record<LineRejectReason, string> = {
  'non-numeric': 'text',
  binary: 'binary/noise',
  'too-long': 'too long',
  'too-many-channels': 'too many channels',
  empty: 'empty payload',
  'bad-json': 'malformed JSON',
  'no-numbers': 'no numbers',
  'bad-time': 'unreadable time',
  'too-many-topics': 'too many topics',
};

/** What a monitor's send box (and `sensorcast monitor --send-ending`) appends to a line. */
export const SEND_ENDINGS = { lf: '\n', crlf: '\r\n', cr: '\r', none: '' } as const;
export type SendEnding = keyof typeof SEND_ENDINGS;

/** A run of characters without a line end longer than the cap (the framer kept none of it). */
export function overflowText(length: number): string {
  return `<${length} characters without a line end>`;
}

/** The monitor's record of a framed line and what the decoder made of it. */
export function rawLine(t: number, text: string, result: DecodeResult): RawLine {
  if (result.kind === 'rejected') return { t, kind: 'rejected', text, reason: result.reason };
  return { t, kind: result.kind === 'sample' ? 'data' : result.kind, text };
}

/** A line over the cap that the framer dropped. */
export function overflowLine(t: number, length: number): RawLine {
  return { t, kind: 'rejected', text: overflowText(length), reason: 'too-long' };
}

/**
 * The line as printable text. Why: the bytes come from a device (or noise at a wrong baud rate);
 * shown raw, an ESC or other control byte would drive the user's terminal or hide in the page.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `12:00:01.234`, local time. */
export function clock(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
