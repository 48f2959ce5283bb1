// Test support: an Arduino simulator that writes sensor lines to a serial device path (the `sim`
// end of a socat pty pair, see socat-pty.ts) like a sketch calling Serial.println in loop().
// Every line carries a sequence number, so a test can prove that no sample was lost.
// Reused by the serial source, CLI `record` and the app's end-to-end tests.
//
// API:
//   const sim = new ArduinoSim({ path: pty.simPath, format: 'colon-space', linesPerSecond: 1200 });
//   sim.start();                 // writes every 10 ms; keeps counting while unplugged, reopens on replug
//   await sim.stop();
//   sim.sent                     // lines written successfully; sim.lost: lines written while unplugged
//   simLine(format, seq)         // the exact text of line `seq` (no line ending)
//   expectedTemp(seq)            // the `temp` value line `seq` carries; seqOf(channels, values) reads it back
//   SIM_FORMATS                  // every supported line format
//   options: garbage (wrong baud rate), preamble (boot noise after a DTR reset), eol, count
import { closeSync, constants, openSync, write } from 'node:fs';

export type SimFormat =
  | 'csv' // 12,23.5,41            (IDE 2 plotter, unlabelled, commas)
  | 'spaces' // 12 23.5 41
  | 'tabs' // 12\t23.5\t41
  | 'labelled' // seq:12,temp:23.5,hum:41   (IDE 2 plotter label:value)
  | 'colon-space' // seq: 12, temp: 23.5, hum: 41
  | 'equals' // seq=12 temp=23.5 hum=41
  | 'units' // seq:12 temp:23.5C hum:41%
  | 'header' // seq,temp,hum then 12,23.5,41 (the header repeats every 50 lines)
  | 'millis' // millis:1234,seq:12,temp:23.5
  | 'wide'; // seq:12,temp:23.5,c1:1,...,c38:38  (40 channels)

export const SIM_FORMATS: SimFormat[] = ['csv', 'spaces', 'tabs', 'labelled', 'colon-space', 'equals', 'units', 'header', 'millis', 'wide'];

/** The temperature line `seq` carries (one decimal, so every format prints it exactly). */
export function expectedTemp(seq: number): number {
  return Number((((seq * 7) % 400) / 10 - 5).toFixed(1));
}

export function simLine(format: SimFormat, seq: number): string {
  const temp = expectedTemp(seq).toFixed(1);
  const hum = 40 + (seq % 20);
  switch (format) {
    case 'csv':
      return `${seq},${temp},${hum}`;
    case 'spaces':
      return `${seq} ${temp} ${hum}`;
    case 'tabs':
      return `${seq}\t${temp}\t${hum}`;
    case 'labelled':
      return `seq:${seq},temp:${temp},hum:${hum}`;
    case 'colon-space':
      return `seq: ${seq}, temp: ${temp}, hum: ${hum}`;
    case 'equals':
      return `seq=${seq} temp=${temp} hum=${hum}`;
    case 'units':
      return `seq:${seq} temp:${temp}C hum:${hum}%`;
    case 'header':
      return seq % 50 === 0 ? `seq,temp,hum\r\n${seq},${temp},${hum}` : `${seq},${temp},${hum}`;
    case 'millis':
      return `millis:${seq * 10},seq:${seq},temp:${temp}`;
    case 'wide':
      return [`seq:${seq}`, `temp:${temp}`, ...Array.from({ length: 38 }, (_, i) => `c${i + 1}:${i + 1}`)].join(',');
  }
}

/** Reads (seq, temp) back from a decoded sample: `seq`/`temp` by name, else the 1st/2nd unlabelled value. */
export function seqOf(channels: readonly string[], values: readonly number[]): { seq: number; temp: number } {
  const seqAt = channels.indexOf('seq') >= 0 ? channels.indexOf('seq') : channels.indexOf('value1');
  const tempAt = channels.indexOf('temp') >= 0 ? channels.indexOf('temp') : channels.indexOf('value2');
  const seq = !Number.isNaN(values[seqAt] ?? Number.NaN) ? values[seqAt] : values[channels.indexOf('value1')];
  const temp = !Number.isNaN(values[tempAt] ?? Number.NaN) ? values[tempAt] : values[channels.indexOf('value2')];
  return { seq, temp };
}

export interface ArduinoSimOptions {
  /** The device path to write to (the pty's `sim` link). */
  path: string;
  /** Default `labelled`. */
  format?: SimFormat;
  /** Default `1200`. */
  linesPerSecond?: number;
  /** Default `\r\n` (what Serial.println sends). */
  eol?: string;
  /** Stop after this many lines. Default: never. */
  count?: number;
  /** Write random bytes without line ends instead (a wrong baud rate). Default `false`. */
  garbage?: boolean;
  /** Text written once before the first line, e.g. bootloader noise and a `Ready` banner after a reset. Default `''`. */
  preamble?: string;
}

export class ArduinoSim {
  /** Lines written successfully. */
  sent = 0;
  /** Lines "printed" while the device was unplugged (they never reached the port). */
  lost = 0;
  /** The next sequence number. */
  seq = 0;
  private fd: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private writing = false;
  private readonly opts: Required<ArduinoSimOptions>;
  private started = 0;

  constructor(options: ArduinoSimOptions) {
    this.opts = { format: 'labelled', linesPerSecond: 1200, eol: '\r\n', count: Number.POSITIVE_INFINITY, garbage: false, preamble: '', ...options };
  }

  get done(): boolean {
    return this.seq >= this.opts.count;
  }

  start(): void {
    this.started = Date.now();
    this.timer = setInterval(() => this.tick(), 10);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A write blocks while nobody reads the other end; give up on it after a second.
    const end = Date.now() + 1000;
    while (this.writing && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already gone with the pty
      }
    }
    this.fd = null;
  }

  private tick(): void {
    if (this.writing) return;
    // Catch up with the clock, so the rate holds even when a timer fires late.
    const due = Math.floor(((Date.now() - this.started) * this.opts.linesPerSecond) / 1000);
    const n = Math.min(due - (this.sent + this.lost), this.opts.count - this.seq);
    if (n <= 0) {
      if (this.done && this.timer) clearInterval(this.timer);
      return;
    }
    if (this.fd === null) {
      try {
        this.fd = openSync(this.opts.path, constants.O_RDWR | constants.O_NOCTTY);
      } catch {
        // Unplugged: the sketch goes on printing into the void.
        this.seq += n;
        this.lost += n;
        return;
      }
    }
    let text = '';
    if (this.opts.preamble && this.seq === 0) text = this.opts.preamble;
    if (this.opts.garbage) {
      const bytes = Buffer.alloc(n * 20);
      for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + ((i * 37 + this.seq) % 120);
      text += bytes.toString('latin1');
    } else {
      for (let i = 0; i < n; i++) text += simLine(this.opts.format, this.seq + i) + this.opts.eol;
    }
    const first = this.seq;
    this.seq += n;
    this.writing = true;
    const data = Buffer.from(text, this.opts.garbage || this.opts.preamble ? 'latin1' : 'utf8');
    write(this.fd, data, 0, data.length, null, (err) => {
      this.writing = false;
      if (err) {
        // EIO: socat (the "USB cable") is gone; reopen on a later tick.
        this.lost += this.seq - first;
        this.closeFd();
      } else {
        this.sent += n;
      }
    });
  }
}
