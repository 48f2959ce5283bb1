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
// Pure: called by the serial source (after line-framer.ts), the replay tests and the benchmarks.
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

const NAME = /^[A-Za-z_][\w.\-°%()[\]/]*$/;
// Controls other than tab, DEL and the replacement character: bytes read at the wrong baud rate.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
const LETTER = /\p{L}/u;
const AXIS = /^[A-Za-z]$/;
const MAX_LABEL = 64;
// `Temperature for the device 1 (index 0) is: 23.5`: the verb is not part of the channel's name.
const TRAILING_VERBS = new Set(['is', 'are', 'was', 'equals']);
// `Filter bandwidth set to: 21 Hz`: a label ending in a preposition is a sentence (a setup message).
const PREPOSITIONS = new Set(['to', 'at', 'of', 'in', 'on', 'for', 'from', 'by', 'with', 'into']);

const EMPTY: DecodeResult = Object.freeze({ kind: 'empty' });
const rejected = (reason: RejectReason): DecodeResult => Object.freeze({ kind: 'rejected', reason });
const TEXT = rejected('non-numeric');
const TOO_LONG = rejected('too-long');
const BINARY_LINE = rejected('binary');
const TOO_MANY = rejected('too-many-channels');

interface Group {
  /** The channel name (or, with several values, the start of it). */
  label: string;
  /** `Acceleration` for `Acceleration X`: single-letter labels that follow share it. */
  prefix: string | null;
  /** Values of this label in the line so far. */
  size: number;
  /** Their units (`''` where none), to name several values by unit. */
  units: string[];
  /** Values of this label named so far (while building the sample). */
  named: number;
  /** Whether its values are named by unit (decided at the first one). */
  byUnit: boolean;
}

interface Field {
  /** Index into the line's groups; -1 for an unlabelled value. */
  group: number;
  value: number;
  unit: string | undefined;
}

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
      const next = this.readLabel(i, k, group >= 0 ? groups[group] : undefined);
      if (next === null) return TEXT;
      groups.push(next);
      group = groups.length - 1;
      start = k + 1;
    }
    if (group >= 0 && groups[group].size === 0) return TEXT;
    return this.toSample();
  }

  /** The label of tokens from..to (exclusive), or null when they read as a sentence, not a name. */
  private readLabel(from: number, to: number, previous: Group | undefined): Group | null {
    const { words, flags } = this.tokens;
    for (let j = from + 1; j < to; j++) if ((flags[j] & STRONG) !== 0) return null;
    let end = to;
    if (end - from > 1 && TRAILING_VERBS.has(words[end - 1].toLowerCase())) end--;
    if (end - from > 1 && PREPOSITIONS.has(words[end - 1].toLowerCase())) return null;
    const label = end - from === 1 ? words[from] : words.slice(from, end).join(' ');
    if (label.length > MAX_LABEL || !LETTER.test(label)) return null;
    // `Acceleration X: 1, Y: 2`: Y is the Acceleration's Y, not a channel of its own.
    if (end - from === 1 && previous?.prefix && AXIS.test(label)) return group(`${previous.prefix} ${label}`, previous.prefix);
    const prefix = end - from > 1 && AXIS.test(words[end - 1]) ? words.slice(from, end - 1).join(' ') : null;
    return group(label, prefix);
  }

  /** A line of names only: a header naming the unlabelled values that follow, or text. */
  private readHeader(line: string): DecodeResult {
    const { words, flags, count } = this.tokens;
    const names = words.slice(0, count);
    for (const name of names) if (!NAME.test(name)) return TEXT;
    if (count > 1) {
      // Several names must be split by commas or tabs, so `Error reading sensor` is not a header.
      if (!/[,\t]/.test(line)) return TEXT;
      for (let j = 1; j < count; j++) if ((flags[j] & STRONG) === 0) return TEXT;
    }
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

function group(label: string, prefix: string | null): Group {
  return { label, prefix, size: 0, units: [], named: 0, byUnit: false };
}

/**
 * The name of the label's next value: `Temperature °C` where each of its values has its own
 * unit, else `Temperature 1`, `Temperature 2`. Called once per value, in order.
 */
function suffix(g: Group): string {
  const nth = g.named++;
  if (nth === 0) g.byUnit = !g.units.includes('') && new Set(g.units).size === g.units.length;
  return g.byUnit ? g.units[nth] : String(nth + 1);
}

/** `Acceleration X: 1, Y: 2, Z: 3 m/s^2`: the unit after the last axis is the unit of all of them. */
function shareAxisUnits(fields: Field[], groups: Group[]): void {
  let prefix: string | null = null;
  let unit: string | undefined;
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i];
    const g = f.group >= 0 ? groups[f.group] : null;
    if (!g || g.prefix === null || g.size !== 1) prefix = null;
    else if (f.unit !== undefined) {
      prefix = g.prefix;
      unit = f.unit;
    } else if (g.prefix === prefix) f.unit = unit;
    else prefix = null;
  }
}
