// CLI helper for `sensorcast monitor` (commands/monitor.ts): the text of one monitor line, from a
// framed line and what the shared decoder made of it. Pure, so the layout is easy to read and test.
import type { DecodeResult, RejectReason } from '../../shared/decode/line-decoder';

/** The words a user reads for each reason the decoder gives. */
export const REASON_TEXT: Record<RejectReason, string> = {
  'non-numeric': 'text',
  binary: 'binary/noise',
  'too-long': 'too long',
  'too-many-channels': 'too many channels',
};

/** `12:00:01.234`, local time. */
export function clock(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/**
 * The line as printable text. Why: the bytes come from a device (or noise at a wrong baud rate);
 * written raw, an ESC or other control byte would drive the user's terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `temp=23.5 hum=41`: the channels this line gave a value (NaN: no value in this line). */
export function decodedText(channels: readonly string[], values: readonly number[]): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    if (!Number.isNaN(v)) parts.push(`${channels[i]}=${v}`);
  });
  return parts.join(' ');
}

export interface MonitorLineOptions {
  /** Also show the decoded channels and values (`--decoded`). Default `false`. */
  decoded?: boolean;
  /** The decoder's channel names (the order of a sample's values); needed with `decoded`. */
  channels?: readonly string[];
}

/**
 * One monitor line: `12:00:01.234  temp:23.5,hum:41`, or for a rejected line
 * `12:00:01.334 ! Failed to read from DHT sensor!  (rejected: text)`.
 */
export function monitorLine(t: number, text: string, result: DecodeResult, options: MonitorLineOptions = {}): string {
  const time = clock(t);
  if (result.kind === 'rejected') return `${time} ! ${printable(text)}  (rejected: ${REASON_TEXT[result.reason]})`;
  let line = `${time}  ${printable(text)}`;
  if (options.decoded) {
    if (result.kind === 'sample') {
      const values = decodedText(options.channels ?? [], result.values);
      line += `  ->  ${values}${result.deviceTime === undefined ? '' : `  (device time ${result.deviceTime})`}`;
    } else if (result.kind === 'header') line += `  ->  (names: ${result.names.join(', ')})`;
  }
  return line;
}

/** A run of characters without a line end longer than the cap (the framer kept none of it). */
export function overflowLine(t: number, length: number): string {
  return `${clock(t)} ! <${length} characters without a line end>  (rejected: ${REASON_TEXT['too-long']})`;
}

/** What `--send-ending` appends to each line typed on stdin. */
export const SEND_ENDINGS = { lf: '\n', crlf: '\r\n', cr: '\r', none: '' } as const;
export type SendEnding = keyof typeof SEND_ENDINGS;
