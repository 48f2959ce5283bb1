// CLI helper for `sensorcast monitor` (commands/monitor.ts): the text of one monitor line, from a
// framed line and what the shared decoder made of it. Pure, so the layout is easy to read and test.
// The words (reasons, send endings, printable text, the clock) are shared/decode/raw-line.ts's,
// which the page's monitor uses too.
import type { DecodeResult } from '../../shared/decode/line-decoder';
import { clock, overflowText, printable, REASON_TEXT } from '../../shared/decode/raw-line';

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
  return `${clock(t)} ! ${overflowText(length)}  (rejected: ${REASON_TEXT['too-long']})`;
}
