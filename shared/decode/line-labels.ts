// Live data, stage 2 helper: the names in a line. Which tokens form a label (`Light level`,
// `Acceleration X`; a sentence such as `Filter bandwidth set to` is not one), how several values of
// one label are named (`Temperature °C`, `Temperature °F`, else `Temperature 1`, `2`), the axis unit
// shared by `X: 1, Y: 2, Z: 3 m/s^2`, and whether a line of words is a header of names.
// Pure: called by line-decoder.ts over line-tokens.ts's buffers.
import { STRONG, type LineTokens } from './line-tokens';

const NAME = /^[A-Za-z_][\w.\-°%()[\]/]*$/;
const LETTER = /\p{L}/u;
const AXIS = /^[A-Za-z]$/;
const MAX_LABEL = 64;
// `Temperature for the device 1 (index 0) is: 23.5`: the verb is not part of the channel's name.
const TRAILING_VERBS = new Set(['is', 'are', 'was', 'equals']);
// `Filter bandwidth set to: 21 Hz`: a label ending in a preposition is a sentence (a setup message).
const PREPOSITIONS = new Set(['to', 'at', 'of', 'in', 'on', 'for', 'from', 'by', 'with', 'into']);

/** A label of a line and its values. */
export interface Group {
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

/** A value of a line. */
export interface Field {
  /** Index into the line's groups; -1 for an unlabelled value. */
  group: number;
  value: number;
  unit: string | undefined;
}

export function group(label: string, prefix: string | null): Group {
  return { label, prefix, size: 0, units: [], named: 0, byUnit: false };
}

/** The label of tokens from..to (exclusive), or null when they read as a sentence, not a name. */
export function readLabel(tokens: LineTokens, from: number, to: number, previous: Group | undefined): Group | null {
  const { words, flags } = tokens;
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

/** The names of a line of words only (`aX,aY,aZ`), or null when it is text rather than a header. */
export function headerNames(line: string, tokens: LineTokens): string[] | null {
  const { words, flags, count } = tokens;
  const names = words.slice(0, count);
  for (const name of names) if (!NAME.test(name)) return null;
  if (count > 1) {
    // Several names must be split by commas or tabs, so `Error reading sensor` is not a header.
    if (!/[,\t]/.test(line)) return null;
    for (let j = 1; j < count; j++) if ((flags[j] & STRONG) === 0) return null;
  }
  return names;
}

/**
 * The name of the label's next value: `Temperature °C` where each of its values has its own
 * unit, else `Temperature 1`, `Temperature 2`. Called once per value, in order.
 */
export function suffix(g: Group): string {
  const nth = g.named++;
  if (nth === 0) g.byUnit = !g.units.includes('') && new Set(g.units).size === g.units.length;
  return g.byUnit ? g.units[nth] : String(nth + 1);
}

/** `Acceleration X: 1, Y: 2, Z: 3 m/s^2`: the unit after the last axis is the unit of all of them. */
export function shareAxisUnits(fields: Field[], groups: Group[]): void {
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
