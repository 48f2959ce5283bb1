// Live data, stage 2: one line of text -> a sample of named channels, or a counted rejection.
// Accepts every Arduino IDE 2 Serial Plotter format (values split by commas, spaces or tabs;
// `label:value` pairs; unlabelled values named by position) and what the plotter misses:
// `Temperature: 23.6, Humidity: 41`, `temp=23.5`, `temp = 23.5`, units (`23.5C`, `41%`, `3.3 V`),
// a header line of names (`aX,aY,aZ`) naming the following unlabelled values. A field named `t`,
// `time`, `millis` or `ms` is the device's timestamp. Garbage, non-numeric values and lines over
// the cap are rejected with a reason, never turned into zeros.
// Pure: called by the serial source (after line-framer.ts), the replay tests and the benchmarks.

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

const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/;
// Units accepted after a number (compared lower-case): `23.5C`, `41%`, `3.3 V`, `1013hPa`.
const UNITS = new Set(
  ('c °c f °f k ° deg % %rh rh v mv uv µv a ma ua µa w mw kw wh kwh hz khz mhz rpm pa hpa kpa mbar bar psi lux lx ppm ppb db dbm ' +
    'g kg mg m cm mm km s ms us µs m/s m/s2 m/s² g/m3 ug/m3 µg/m3 mg/m3 l ml ohm kohm Ω kΩ').split(' '),
);
const isUnit = (s: string) => UNITS.has(s.toLowerCase());
const SPECIAL = /^[+-]?(?:nan|inf|ovf)$/i; // what Arduino's Serial.print prints for NAN, INFINITY, overflow
const NAME = /^[A-Za-z_][\w.\-°%()[\]/]*$/;
// Controls other than tab, DEL and the replacement character: bytes read at the wrong baud rate.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
const SPLIT = /[\s,;]+/;

interface Field {
  label: string | null;
  value: number;
  unit?: string;
}

/** Parses a value token (`23.5`, `23.5C`, `41%`, `nan`); undefined when it is not a number. */
export function parseValue(token: string): { value: number; unit?: string } | undefined {
  if (SPECIAL.test(token)) return { value: Number.NaN };
  const m = NUMBER.exec(token);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return undefined;
  if (m[2] === '') return { value };
  return isUnit(m[2]) ? { value, unit: m[2] } : undefined;
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

  constructor(options: LineDecoderOptions = {}) {
    this.max = options.maxLineLength ?? 1024;
    this.maxChannels = options.maxChannels ?? 64;
    this.timeFields = new Set((options.timeFields ?? ['t', 'time', 'millis', 'ms']).map((s) => s.toLowerCase()));
  }

  decode(line: string): DecodeResult {
    if (line.length > this.max) return { kind: 'rejected', reason: 'too-long' };
    if (BINARY.test(line)) return { kind: 'rejected', reason: 'binary' };
    const text = line.trim();
    if (text === '') return { kind: 'empty' };
    const tokens = text.split(SPLIT).filter((t) => t.length > 0);
    const fields: Field[] = [];
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      const sep = firstSeparator(tok);
      let label: string | null = null;
      let raw: string | undefined;
      if (sep > 0 && sep < tok.length - 1) {
        label = tok.slice(0, sep);
        raw = tok.slice(sep + 1);
      } else if (sep > 0 && sep === tok.length - 1) {
        label = tok.slice(0, sep); // `Temperature: 23.6`
        raw = tokens[++i];
      } else if (sep === -1 && (tokens[i + 1] === '=' || tokens[i + 1] === ':')) {
        label = tok; // `temp = 23.5`
        i += 1;
        raw = tokens[++i];
      } else if (sep === 0) {
        raw = tok.slice(1) || tokens[++i];
      } else {
        raw = tok;
      }
      if (raw === undefined) return { kind: 'rejected', reason: 'non-numeric' };
      const parsed = parseValue(raw);
      if (parsed) {
        // `23.5 C`: a unit as its own token after a number.
        const next = tokens[i + 1];
        if (parsed.unit === undefined && next !== undefined && isUnit(next) && !this.looksLikeLabel(tokens, i + 1)) {
          parsed.unit = next;
          i++;
        }
        fields.push({ label, ...parsed });
      } else if (label === null && NAME.test(raw)) {
        words.push(raw);
      } else {
        return { kind: 'rejected', reason: 'non-numeric' };
      }
    }
    if (fields.length === 0) {
      // Only names: a header line naming the unlabelled values that follow. Several names must be
      // split by commas or tabs, so a message such as `Error reading sensor` is not a header.
      if (words.length > 1 && !/[,\t]/.test(text)) return { kind: 'rejected', reason: 'non-numeric' };
      this.header = words;
      return { kind: 'header', names: words };
    }
    if (words.length > 0) return { kind: 'rejected', reason: 'non-numeric' };
    return this.toSample(fields);
  }

  private looksLikeLabel(tokens: string[], i: number): boolean {
    const after = tokens[i + 1];
    return firstSeparator(tokens[i]) !== -1 || after === ':' || after === '=';
  }

  private toSample(fields: Field[]): DecodeResult {
    const unlabelled = fields.filter((f) => f.label === null).length;
    const names = this.header && this.header.length === unlabelled ? this.header : null;
    let position = 0;
    let deviceTime: number | undefined;
    const named: { name: string; value: number; unit?: string }[] = [];
    for (const f of fields) {
      let name = f.label;
      if (name === null) {
        name = names ? names[position] : `value${position + 1}`;
        position++;
      }
      if (this.timeFields.has(name.toLowerCase())) deviceTime = f.value;
      else named.push({ name, value: f.value, unit: f.unit });
    }
    const fresh = new Set(named.map((n) => n.name).filter((n) => !this.index.has(n)));
    if (this.channels.length + fresh.size > this.maxChannels) return { kind: 'rejected', reason: 'too-many-channels' };
    for (const n of named) {
      if (!this.index.has(n.name)) {
        this.index.set(n.name, this.channels.length);
        this.channels.push(n.name);
      }
      if (n.unit !== undefined && this.units[n.name] === undefined) this.units[n.name] = n.unit;
    }
    const values = new Array<number>(this.channels.length).fill(Number.NaN);
    for (const n of named) values[this.index.get(n.name) as number] = n.value;
    return deviceTime === undefined ? { kind: 'sample', values } : { kind: 'sample', values, deviceTime };
  }
}

function firstSeparator(tok: string): number {
  const colon = tok.indexOf(':');
  const eq = tok.indexOf('=');
  if (colon === -1) return eq;
  if (eq === -1) return colon;
  return Math.min(colon, eq);
}
