// Live data, stage 1: text chunks -> lines (framing; decoding is line-decoder.ts). Caps the line
// length so garbage without newlines (a wrong baud rate) keeps memory flat, and can drop the first
// partial line after a port opens. Pure: called by main/sources/serial-source.ts and the tests,
// which split input at awkward places (mid-number, between CR and LF).

export type FramerLineEnding = 'auto' | 'lf' | 'crlf' | 'cr';

export interface LineFramerOptions {
  /** `auto` ends a line at LF, CRLF or a lone CR; `lf`/`crlf` end at LF (a CR before it is dropped); `cr` at CR. Default `auto`. */
  lineEnding?: FramerLineEnding;
  /** Longest line kept, in characters; a longer one is discarded up to its end and reported. Default `1024`. */
  maxLineLength?: number;
  /** Discard everything up to the first line end (a line cut in half by the open). Default `false`. */
  dropFirstPartial?: boolean;
}

/**
 * One framed unit: a complete line, or text that was too long (dropped). Garbage without line ends
 * (a wrong baud rate) is reported as one overflow per `maxLineLength` characters, so it keeps counting.
 */
export type FramedLine = { kind: 'line'; text: string } | { kind: 'overflow'; length: number };

export class LineFramer {
  private readonly ending: FramerLineEnding;
  private readonly max: number;
  private partial = '';
  private overflowing = false;
  private overflowLength = 0;
  private skipping: boolean;
  private skipped = 0;
  private lastWasCr = false;

  constructor(options: LineFramerOptions = {}) {
    this.ending = options.lineEnding ?? 'auto';
    this.max = options.maxLineLength ?? 1024;
    this.skipping = options.dropFirstPartial ?? false;
  }

  /** Characters held for an unfinished line (bounded by maxLineLength). */
  get pendingLength(): number {
    return this.partial.length;
  }

  /** Starts over (after a reopen): the held partial line is discarded. */
  reset(dropFirstPartial = true): void {
    this.partial = '';
    this.overflowing = false;
    this.overflowLength = 0;
    this.skipping = dropFirstPartial;
    this.skipped = 0;
    this.lastWasCr = false;
  }

  /** Feeds a chunk; returns the lines it completed, in order. */
  push(chunk: string): FramedLine[] {
    const out: FramedLine[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      let end = false;
      if (ch === 10) {
        // LF right after a CR that already ended the line (auto mode): not a second line.
        if (this.ending === 'auto' && this.lastWasCr && i === start && this.partial.length === 0 && !this.overflowing) {
          start = i + 1;
          this.lastWasCr = false;
          continue;
        }
        end = this.ending !== 'cr';
      } else if (ch === 13) {
        end = this.ending === 'auto' || this.ending === 'cr';
      }
      this.lastWasCr = ch === 13;
      if (!end) continue;
      this.finishLine(chunk.slice(start, i), out);
      start = i + 1;
    }
    if (start < chunk.length) this.hold(chunk.slice(start), out);
    return out;
  }

  private hold(text: string, out: FramedLine[]): void {
    if (this.skipping) {
      // A "first partial line" longer than the cap is garbage: count it like any overflow.
      this.skipped += text.length;
      if (this.skipped <= this.max) return;
      this.skipping = false;
      this.overflowing = true;
      this.overflowLength = this.skipped - text.length;
    }
    if (!this.overflowing && this.partial.length + text.length <= this.max) {
      this.partial += text;
      return;
    }
    if (!this.overflowing) {
      this.overflowing = true;
      this.overflowLength = this.partial.length;
      this.partial = '';
    }
    this.overflowLength += text.length;
    while (this.overflowLength > this.max) {
      out.push({ kind: 'overflow', length: this.max });
      this.overflowLength -= this.max;
    }
  }

  private finishLine(tail: string, out: FramedLine[]): void {
    if (this.skipping) {
      this.skipping = false;
      this.skipped = 0;
      this.partial = '';
      return;
    }
    if (this.overflowing) {
      out.push({ kind: 'overflow', length: this.overflowLength + tail.length });
      this.overflowing = false;
      this.overflowLength = 0;
      return;
    }
    let line = this.partial + tail;
    this.partial = '';
    if (line.length > this.max) {
      out.push({ kind: 'overflow', length: line.length });
      return;
    }
    if (this.ending !== 'cr' && line.endsWith('\r')) line = line.slice(0, -1);
    out.push({ kind: 'line', text: line });
  }
}
