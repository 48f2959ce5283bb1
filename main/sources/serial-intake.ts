// The serial source's input stage: bytes -> text -> lines (shared LineFramer, capped, the first
// partial line after every open dropped) -> samples (shared LineDecoder) with receive times spread
// over a chunk, the rejected lines counted (shared RejectLog), and, for the serial monitor, every
// line as it arrived (shared/decode/raw-line.ts). Also what the data itself tells the user: a
// wrong baud rate, or readable text and no values. Called by serial-source.ts, once per chunk.
import { StringDecoder } from 'node:string_decoder';

import type { LineEnding } from '../../shared/api/contract';
import { LineDecoder } from '../../shared/decode/line-decoder';
import { LineFramer } from '../../shared/decode/line-framer';
import { overflowLine, rawLine, type RawLine } from '../../shared/decode/raw-line';
import { RejectLog } from '../../shared/decode/reject-log';
import { errorValue, type ErrorValue } from '../../shared/errors';
import type { Sample } from '../../shared/samples';

export interface SerialIntakeOptions {
  /** How lines end. Default `auto`. */
  lineEnding?: LineEnding;
  /** Longest line, in characters; longer text is rejected. Default `1024`. */
  maxLineLength?: number;
}

export interface IntakeResult {
  samples: Sample[];
  /** Lines rejected in this chunk (text, noise, over the cap). */
  rejected: number;
  /** Every line of the chunk in order, when asked for (the serial monitor); else null. */
  lines: RawLine[] | null;
}

export class SerialIntake {
  readonly decoder: LineDecoder;
  readonly rejects = new RejectLog();
  /** Host time of the last sample (or of the open), ms. */
  lastSampleAt = 0;
  private readonly framer: LineFramer;
  private text = new StringDecoder('utf8');
  private lineMs = 0;
  private windowStart = 0;
  private baudWarned = false;
  private textWarned = false;

  constructor(options: SerialIntakeOptions = {}) {
    const maxLineLength = options.maxLineLength ?? 1024;
    this.framer = new LineFramer({ lineEnding: options.lineEnding ?? 'auto', maxLineLength, dropFirstPartial: true });
    this.decoder = new LineDecoder({ maxLineLength });
  }

  /** Starts over after a (re)open at `now`: the first partial line is dropped, the warnings rearm. */
  reset(now: number): void {
    this.text = new StringDecoder('utf8');
    this.framer.reset(true);
    this.lastSampleAt = now;
    this.windowStart = now;
    this.rejects.reset();
    this.baudWarned = false;
    this.textWarned = false;
  }

  /** The port was lost: the torn last line is dropped. */
  dropPartial(): void {
    this.framer.reset(true);
  }

  /** One chunk from the port, received at `now`. `keepLines`: also return every line as it arrived. */
  push(chunk: Buffer, now: number, keepLines = false): IntakeResult {
    const samples: Sample[] = [];
    const lines: RawLine[] | null = keepLines ? [] : null;
    let rejected = 0;
    for (const item of this.framer.push(this.text.write(chunk))) {
      if (item.kind === 'overflow') {
        rejected++;
        this.rejects.rejected('overflow');
        lines?.push(overflowLine(now, item.length));
        continue;
      }
      const r = this.decoder.decode(item.text);
      lines?.push(rawLine(now, item.text, r));
      if (r.kind === 'sample') samples.push({ t: now, values: r.values });
      else if (r.kind === 'rejected') {
        rejected++;
        this.rejects.rejected(r.reason, item.text);
      }
    }
    this.stampTimes(samples, now);
    this.rejects.samples(samples.length);
    if (samples.length > 0) this.textWarned = false;
    return { samples, rejected, lines };
  }

  /**
   * Lines that arrive in one chunk would share one receive time. Spread them back over the time
   * since the previous line (at most twice the usual line spacing), so times stay increasing and
   * a 1 kHz sensor does not look like bursts of duplicates on the time grid.
   */
  private stampTimes(samples: Sample[], now: number): void {
    const k = samples.length;
    if (k === 0) return;
    const since = Math.max(0, now - this.lastSampleAt);
    let step = since / k;
    if (this.lineMs > 0) step = Math.min(step, 2 * this.lineMs);
    if (since < 1000) this.lineMs = this.lineMs === 0 ? since / k : 0.9 * this.lineMs + 0.1 * (since / k);
    for (let i = 0; i < k; i++) samples[i].t = now - (k - 1 - i) * step;
    this.lastSampleAt = now;
  }

  /**
   * What the data says, checked periodically: noise and no samples for 2 s (a wrong baud rate,
   * once per open), or readable text and no values for 2 s (a sensor that fails to read, an
   * unknown format: once until samples flow again; a banner before the first sample is not worth it).
   */
  warnings(now: number, path: string, baudRate: number): ErrorValue[] {
    const warnings: ErrorValue[] = [];
    if (now - this.windowStart >= 2000) {
      const r = this.rejects;
      if (!this.baudWarned && r.looksLikeNoise()) {
        this.baudWarned = true;
        warnings.push(errorValue('BAUD_MISMATCH', `${path}: ${r.windowNoise} unreadable lines and no samples at ${baudRate} baud`));
      }
      this.windowStart = now;
      r.resetWindow();
    }
    if (!this.textWarned && this.rejects.textSinceSample >= 3 && now - this.lastSampleAt >= 2000) {
      this.textWarned = true;
      warnings.push(errorValue('UNREADABLE_LINES', `${path}: ${this.rejects.describe()}`));
    }
    return warnings;
  }
}
