// Live data, stage 2 for MQTT: one message (topic + payload text) -> samples of named channels, or
// counted rejections. The payloads people publish: a plain number (`23.5`, `41%`: the topic names
// the channel), a JSON object (`{"temp":23.5,"hum":41}`, nested keys joined with `.`, a `time`,
// `ts` or `timestamp` field read as the time: epoch s, epoch ms or ISO 8601), and the Arduino
// lines the serial decoder reads (`temp:23.5,hum:41`, one decoder per topic so headers stay
// per board). Channel names are the topic without the leading levels that every topic filter
// shares (see `relativeTopic`), then `/` and the JSON key or line label. Malformed payloads are
// rejected with a reason, never turned into zeros.
// Pure: called by the MQTT source (main/sources/mqtt-source.ts) for each message.
import { LineDecoder } from './line-decoder';
import { parseValue } from './value-token';

export type PayloadRejectReason =
  | 'empty'
  | 'too-long'
  | 'bad-json'
  | 'no-numbers'
  | 'bad-time'
  | 'too-many-channels'
  | 'too-many-topics'
  | 'binary'
  | 'non-numeric';

/** One decoded reading. `values[i]` belongs to `decoder.channels[i]`; NaN where absent. */
export interface PayloadSample {
  values: number[];
  /** The payload's own time: a JSON time field in ms since the epoch, or an Arduino line's `millis`. */
  deviceTime?: number;
  /** True when `deviceTime` is a wall-clock time (from a JSON time field), not a device counter. */
  wallClock?: boolean;
}

export interface PayloadResult {
  samples: PayloadSample[];
  /** Rejected payloads (or lines of a multi-line payload). */
  rejected: number;
  /** Why the last rejection happened. */
  reason?: PayloadRejectReason;
}

export interface MqttPayloadDecoderOptions {
  /** The subscription's topic filters; their shared leading levels are left out of channel names. */
  filters: string[];
  /** Most channels; a payload that would add more is rejected. Default `64`. */
  maxChannels?: number;
  /** Longest payload, in characters. Default `16384`. */
  maxLength?: number;
  /** Most topics that send Arduino lines (one line decoder each). Default `256`. */
  maxTopics?: number;
}

const TIME_KEYS = new Set(['time', 'ts', 'timestamp']);
const MAX_DEPTH = 8;
// Epoch seconds below this are seconds (until the year 5138); at and above it, milliseconds.
const SECONDS_LIMIT = 1e11;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The leading topic levels that every filter shares, up to each filter's first wildcard. */
export function sharedPrefix(filters: string[]): string[] {
  let prefix: string[] | null = null;
  for (const filter of filters) {
    const levels = filter.split('/');
    const wild = levels.findIndex((l) => l === '+' || l === '#');
    const literal = wild < 0 ? levels : levels.slice(0, wild);
    if (prefix === null) prefix = literal;
    else {
      let n = 0;
      while (n < prefix.length && n < literal.length && prefix[n] === literal[n]) n++;
      prefix = prefix.slice(0, n);
    }
  }
  return prefix ?? [];
}

/** A JSON time value -> ms since the epoch; undefined when it is not a time. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    return value < SECONDS_LIMIT ? value * 1000 : value;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseTime(Number(s));
  if (!ISO_DATE.test(s)) return undefined;
  // A date-time without a zone is read as UTC, as the CSV importer does.
  const zoned = /[T ]\d{2}:\d{2}/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s.replace(' ', 'T')}Z` : s.replace(' ', 'T');
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

export class MqttPayloadDecoder {
  /** Channel names seen so far, in order of first appearance (the order of every sample's values). */
  readonly channels: string[] = [];
  /** Units by channel name, where a payload named one. */
  readonly units: Record<string, string> = {};
  private readonly index = new Map<string, number>();
  private readonly prefix: string[];
  private readonly maxChannels: number;
  private readonly maxLength: number;
  private readonly maxTopics: number;
  private readonly lineDecoders = new Map<string, LineDecoder>();

  constructor(options: MqttPayloadDecoderOptions) {
    this.prefix = sharedPrefix(options.filters);
    this.maxChannels = options.maxChannels ?? 64;
    this.maxLength = options.maxLength ?? 16_384;
    this.maxTopics = options.maxTopics ?? 256;
  }

  /**
   * The topic as a channel-name prefix: `home/kitchen/temp` under the filter `home/+/temp` is
   * `kitchen/temp`; under the one filter `home/kitchen/temp` it is `` (the JSON keys or line
   * labels name the channels alone, a plain number takes the last level).
   */
  relativeTopic(topic: string): string {
    const levels = topic.split('/');
    let n = 0;
    while (n < this.prefix.length && n < levels.length && levels[n] === this.prefix[n]) n++;
    return levels.slice(n).join('/');
  }

  decode(topic: string, text: string): PayloadResult {
    if (text.length > this.maxLength) return reject('too-long');
    const trimmed = text.trim();
    if (trimmed === '') return reject('empty');
    const first = trimmed.charCodeAt(0);
    if (first === 123 /* { */ || first === 91 /* [ */) return this.decodeJson(topic, trimmed);
    if (!/\s|[,;:=|]/.test(trimmed)) {
      const v = parseValue(trimmed);
      if (v !== undefined) {
        const rel = this.relativeTopic(topic);
        const name = rel === '' ? (topic.split('/').pop() ?? topic) : rel;
        return this.single([[name, v.value, v.unit]]);
      }
    }
    return this.decodeLines(topic, trimmed);
  }

  private decodeJson(topic: string, text: string): PayloadResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return reject('bad-json');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return reject('bad-json');
    const rel = this.relativeTopic(topic);
    const leaves: [string, number, string | undefined][] = [];
    let time: number | undefined;
    for (const [key, value] of Object.entries(parsed)) {
      if (TIME_KEYS.has(key.toLowerCase())) {
        time = parseTime(value);
        if (time === undefined) return reject('bad-time');
        continue;
      }
      flatten(rel === '' ? key : `${rel}/${key}`, value, 0, leaves);
    }
    if (!leaves.some((l) => Number.isFinite(l[1]))) return reject('no-numbers');
    return this.single(leaves, time);
  }

  private decodeLines(topic: string, text: string): PayloadResult {
    let decoder = this.lineDecoders.get(topic);
    if (!decoder) {
      if (this.lineDecoders.size >= this.maxTopics) return reject('too-many-topics');
      decoder = new LineDecoder({ maxChannels: this.maxChannels });
      this.lineDecoders.set(topic, decoder);
    }
    const rel = this.relativeTopic(topic);
    const result: PayloadResult = { samples: [], rejected: 0 };
    for (const line of text.split(/\r\n|\r|\n/)) {
      const r = decoder.decode(line);
      if (r.kind === 'rejected') {
        result.rejected++;
        result.reason = r.reason === 'too-many-channels' ? 'too-many-channels' : r.reason === 'too-long' ? 'too-long' : r.reason;
        continue;
      }
      if (r.kind !== 'sample') continue;
      const leaves: [string, number, string | undefined][] = [];
      for (let i = 0; i < r.values.length; i++) {
        const name = decoder.channels[i];
        if (Number.isNaN(r.values[i]) && !this.index.has(rel === '' ? name : `${rel}/${name}`)) continue;
        leaves.push([rel === '' ? name : `${rel}/${name}`, r.values[i], decoder.units[name]]);
      }
      const one = this.single(leaves, undefined);
      if (one.rejected > 0) {
        result.rejected++;
        result.reason = one.reason;
        continue;
      }
      const sample = one.samples[0];
      if (r.deviceTime !== undefined) sample.deviceTime = r.deviceTime;
      result.samples.push(sample);
    }
    return result;
  }

  /** One sample from named values; rejected when it would add channels past the cap. */
  private single(leaves: [string, number, string | undefined][], time?: number): PayloadResult {
    let added = 0;
    for (const [name] of leaves) if (!this.index.has(name)) added++;
    if (this.channels.length + added > this.maxChannels) return reject('too-many-channels');
    for (const [name, , unit] of leaves) {
      if (!this.index.has(name)) {
        this.index.set(name, this.channels.length);
        this.channels.push(name);
      }
      if (unit !== undefined && this.units[name] === undefined) this.units[name] = unit;
    }
    const values = new Array<number>(this.channels.length).fill(Number.NaN);
    for (const [name, value] of leaves) values[this.index.get(name) as number] = value;
    const sample: PayloadSample = time === undefined ? { values } : { values, deviceTime: time, wallClock: true };
    return { samples: [sample], rejected: 0 };
  }
}

function reject(reason: PayloadRejectReason): PayloadResult {
  return { samples: [], rejected: 1, reason };
}

/** Numbers (and nulls, as missing) under `name`, nested keys and array indexes joined with `.`; other leaves are skipped. */
function flatten(name: string, value: unknown, depth: number, out: [string, number, string | undefined][]): void {
  // Why: these names would reach objects keyed by channel (units, the page's maps) as prototype keys.
  if (/(^|[./])(__proto__|constructor|prototype)$/.test(name)) return;
  if (typeof value === 'number') out.push([name, Number.isFinite(value) ? value : Number.NaN, undefined]);
  else if (value === null) out.push([name, Number.NaN, undefined]);
  else if (typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, inner] of Object.entries(value)) flatten(`${name}.${key}`, inner, depth + 1, out);
  }
}
