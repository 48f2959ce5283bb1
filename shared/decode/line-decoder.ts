// Live data, stage 2: one line of text -> a sample of named channels, or a counted rejection.
// Accepts every Arduino IDE 2 Serial Plotter format (values split by commas, spaces or tabs;
// `label:value` pairs; unlabelled values named by position) and what example sketches print:
// labels of several words (`Light level: 512`, `Approx. Altitude = 12.3 m`), several values per
// label (`Temperature: 23.10°C 73.58°F` -> `Temperature °C`, `Temperature °F`), axes
// (`Acceleration X: 1, Y: 2, Z: 9.8 m/s^2` -> `Acceleration X`, `Acceleration Y`, ...), units
// (`23.5C`, `41%`, `3.3 V`, `1013.25 hPa`), fields split by `,` `;` tab `|` ` - ` or two spaces, and a
// header line of names (`aX,aY,aZ`) naming the following unlabelled values. A field named `t`,
// `time`, `millis` or `ms` is the device's timestamp. Text (`Failed to read from DHT sensor!`),
// garbage and lines over the cap are rejected with a reason, never turned into zeros.
// Labels and names are line-labels.ts's. Pure: called by the serial source (after line-framer.ts),
// the CLI monitor, the replay tests and the benchmarks.
import { headerNames, readLabel, shareAxisUnits, suffix, type Field, type Group } from './line-labels';
import { LABEL_SEP, LineTokens, STRONG } from './line-tokens';
import { isUnit, normalizeUnit, parseValue } from './value-token';

export { parseValue } from './value-token';

/**
 * Why a line was rejected. `binary` and `too-long` look like noise (a wrong baud rate);
 * `non-numeric` is readable text that is not data (a banner, an error message, `status:OK`).
 */
export type RejectReason = 'too-long' | 'binary' | 'non-numeric' | 'too-many-channels';

export type DecodeResult =
  /** `values[i]` belongs to `decoder.channels[i]`; NaN where this line had no value for a channel. */
  | { kind: 'sample'; values: number[]; deviceTime?: number }
  | { kind: 'header'; names: string[] }
  | { kind: 'empty' }
  | { kind: 'rejected'; reason: RejectReason };

export interface LineDecoderOptions {
  /** Longest line decoded, in characters. Default `1024`. */
  maxLineLength?: number;
  /** Most channels; a line that would add more is rejected. Default `64`. */
  maxChannels?: number;
  /** Field names read as the device's timestamp (case-insensitive). Default `['t', 'time', 'millis', 'ms']`. */
  timeFields?: string[];
}

// Controls other than tab, DEL and the replacement character: bytes read at the wrong baud rate.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
const EMPTY: DecodeResult = Object.freeze({ kind: 'empty' });
const rejected = (reason: RejectReason): DecodeResult => Object.freeze({ kind: 'rejected', reason });
const TEXT = rejected('non-numeric');
const TOO_LONG = rejected('too-long');
const BINARY_LINE = rejected('binary');
const TOO_MANY = rejected('too-many-channels');

export class LineDecoder {
  /** Channel names seen so far, in order of first appearance (the order of every sample's values). */
  readonly channels: string[] = [];
  /** Units by channel name, where the device sent one. */
  readonly units: Record<string, string> = {};
  private readonly index = new Map<string, number>();
  private readonly max: number;
  private readonly maxChannels: number;
  private readonly timeFields: Set<string>;
  private header: string[] | null = null;
  private readonly tokens = new LineTokens();
  private readonly fields: Field[] = [];
  private readonly groups: Group[] = [];

  constructor(options: LineDecoderOptions = {}) {
    this.max = options.maxLineLength ?? 1024;
    this.maxChannels = options.maxChannels ?? 64;
    this.timeFields = new Set((options.timeFields ?? ['t', 'time', 'millis', 'ms']).map((s) => s.toLowerCase()));
  }

  decode(line: string): DecodeResult {
    if (line.length > this.max) return TOO_LONG;
    if (BINARY.test(line)) return BINARY_LINE;
    const n = this.tokens.scan(line);
    if (n === 0) return EMPTY;
    const { words, flags } = this.tokens;
    const fields = this.fields;
    const groups = this.groups;
    fields.length = 0;
    groups.length = 0;
    let group = -1;
    let start = 0;
    // Segments end at each label separator: values of the previous label, then the next label.
    for (let k = 0; k <= n; k++) {
      if (k < n && (flags[k] & LABEL_SEP) === 0) continue;
      let i = start;
      let inGroup = group >= 0;
      let unitToken = -1;
      while (i < k) {
        const v = parseValue(words[i]);
        if (v === undefined) break;
        // `a:1, 2`: after a strong separator, a value no longer belongs to the label.
        if (inGroup && groups[group].size > 0 && (flags[i] & STRONG) !== 0) inGroup = false;
        let unit = v.unit;
        unitToken = -1;
        if (unit === undefined && i + 1 < k && (flags[i + 1] & STRONG) === 0 && isUnit(words[i + 1])) {
          unit = words[++i];
          unitToken = i;
        }
        if (inGroup) {
          groups[group].size++;
          groups[group].units.push(unit === undefined ? '' : normalizeUnit(unit));
        }
        fields.push({ group: inGroup ? group : -1, value: v.value, unit });
        i++;
      }
      if (k === n) {
        if (i === k) break;
        // Words where values should be: text. Only words and no label: maybe a header.
        return group < 0 && fields.length === 0 ? this.readHeader(line) : TEXT;
      }
      // `x: 1 m: 2`: the unit-like word before a separator is the next label.
      if (i === k && unitToken === k - 1) {
        fields[fields.length - 1].unit = undefined;
        if (fields[fields.length - 1].group >= 0) groups[group].units[groups[group].size - 1] = '';
        i = k - 1;
      }
      if (i === k || (group >= 0 && groups[group].size === 0)) return TEXT;
      const next = readLabel(this.tokens, i, k, group >= 0 ? groups[group] : undefined);
      if (next === null) return TEXT;
      groups.push(next);
      group = groups.length - 1;
      start = k + 1;
    }
    if (group >= 0 && groups[group].size === 0) return TEXT;
    return this.toSample();
  }

  /** A line of names only: a header naming the unlabelled values that follow, or text. */
  private readHeader(line: string): DecodeResult {
    const names = headerNames(line, this.tokens);
    if (names === null) return TEXT;
    this.header = names;
    return { kind: 'header', names };
  }

  private toSample(): DecodeResult {
    const fields = this.fields;
    const groups = this.groups;
    shareAxisUnits(fields, groups);
    let unlabelled = 0;
    for (const f of fields) if (f.group < 0) unlabelled++;
    const header = this.header && this.header.length === unlabelled ? this.header : null;
    let position = 0;
    let deviceTime: number | undefined;
    const names: (string | null)[] = new Array<string | null>(fields.length);
    let fresh = false;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      let name: string;
      if (f.group < 0) {
        name = header ? header[position] : `value${position + 1}`;
        position++;
      } else {
        const g = groups[f.group];
        name = g.size === 1 ? g.label : `${g.label} ${suffix(g)}`;
      }
      if (this.timeFields.has(name.toLowerCase())) {
        deviceTime = f.value;
        names[i] = null;
      } else {
        names[i] = name;
        if (!this.index.has(name)) fresh = true;
      }
    }
    if (fresh) {
      const added = new Set<string>();
      for (const name of names) if (name !== null && !this.index.has(name)) added.add(name);
      if (this.channels.length + added.size > this.maxChannels) return TOO_MANY;
      for (const name of added) {
        this.index.set(name, this.channels.length);
        this.channels.push(name);
      }
    }
    const values = new Array<number>(this.channels.length).fill(Number.NaN);
    for (let i = 0; i < fields.length; i++) {
      const name = names[i];
      if (name === null) continue;
      const unit = fields[i].unit;
      if (unit !== undefined && this.units[name] === undefined) this.units[name] = normalizeUnit(unit);
      values[this.index.get(name) as number] = fields[i].value;
    }
    return deviceTime === undefined ? { kind: 'sample', values } : { kind: 'sample', values, deviceTime };
  }
}

