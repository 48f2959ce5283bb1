// Live data: what to tell the user about lines that did not decode. Noise (control bytes, lines
// over the cap, no line ends: a wrong baud rate) is told apart from text (a banner, a sketch's
// `Failed to read from DHT sensor!`), and the last few text lines are kept, short, to be shown.
// Pure: called by the serial source (main/sources/serial-intake.ts) for each decoded line, and by
// `sensorcast record` (main/cli/commands/record.ts) for the lines it reports.
import type { LineRejectReason } from './raw-line';

export interface RejectLogOptions {
  /** Text lines kept for the message. Default `3`. */
  keep?: number;
  /** Longest kept line, in characters (longer ones end in `…`). Default `60`. */
  maxShown?: number;
}

export class RejectLog {
  /** In the current window (see `resetWindow`): noise lines, text lines, samples. */
  windowNoise = 0;
  windowText = 0;
  windowSamples = 0;
  /** Text lines since the last sample (or since the port opened). */
  textSinceSample = 0;
  private readonly recent: string[] = [];
  private readonly keep: number;
  private readonly maxShown: number;

  constructor(options: RejectLogOptions = {}) {
    this.keep = options.keep ?? 3;
    this.maxShown = options.maxShown ?? 60;
  }

  /** A line that was rejected for `reason`; `overflow` is text over the cap without a line end. */
  rejected(reason: LineRejectReason | 'overflow', line = ''): void {
    if (reason === 'binary' || reason === 'too-long' || reason === 'overflow') {
      this.windowNoise++;
      return;
    }
    this.windowText++;
    this.textSinceSample++;
    this.recent.push(line.length > this.maxShown ? `${line.slice(0, this.maxShown - 1).trimEnd()}…` : line);
    if (this.recent.length > this.keep) this.recent.shift();
  }

  samples(n: number): void {
    this.windowSamples += n;
    if (n > 0) this.textSinceSample = 0;
  }

  resetWindow(): void {
    this.windowNoise = 0;
    this.windowText = 0;
    this.windowSamples = 0;
  }

  /** Starts over (after a reopen). */
  reset(): void {
    this.resetWindow();
    this.textSinceSample = 0;
    this.recent.length = 0;
  }

  /** The window had noise and no samples: the bytes look like a wrong baud rate. */
  looksLikeNoise(minLines = 5): boolean {
    return this.windowSamples === 0 && this.windowNoise >= minLines && this.windowNoise >= this.windowText;
  }

  /**
   * `5 lines could not be read; the last: "Failed to read from DHT sensor!", ...`: the status line
   * the page shows (UNREADABLE_LINES) and `sensorcast record` prints. `n` defaults to the text lines
   * since the last sample.
   */
  describe(n = this.textSinceSample): string {
    const shown = this.recent.map((l) => JSON.stringify(l)).join(', ');
    return `${n} ${n === 1 ? 'line' : 'lines'} could not be read${shown ? `; the last: ${shown}` : ''}`;
  }
}
