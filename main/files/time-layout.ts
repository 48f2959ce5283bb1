// Times written the way a source file writes them: the layout of a time value (read off one value
// of the file's time column) and the writer of a time in that layout. A written time is read back
// with the importer's own parser (time-format.ts); where the layout cannot hold it (a forecast
// step of 1.5 s in a file of whole minutes, a year past a 2-digit year's range) the layout is
// widened, so an export always imports to the same times. Called by dialect.ts and forecast-csv.ts.
import type { TimeLayout } from '../../shared/api/dialect';
import { ISO_UTC } from '../../shared/api/dialect';

import { detectTimeFormat, timeParser, type TimeFormat } from './time-format';

const ISO_PARTS = /^(\d{4})([-/])(\d{1,2})(?:\2(\d{1,2}))?(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DMY_PARTS = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:([ T,]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

function zoneMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  return (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
}

/**
 * The layout of a time column from its format and one of its values. `nameOffsetMs`: the zone the
 * column's name gave (`Date Time, GMT-04:00`), or null. Null `format`: no clock (row numbers).
 */
export function layoutOf(format: TimeFormat | null, sample: string | undefined, nameOffsetMs: number | null = null): TimeLayout {
  if (format === null || format === 'index' || format === 'relative-ms') return { ...ISO_UTC, kind: 'index', zone: 'none' };
  if (format === 'epoch-s' || format === 'epoch-ms') return { ...ISO_UTC, kind: format, zone: 'none', fraction: /\.\d/.test(sample ?? '') ? 3 : 0 };
  const named = nameOffsetMs !== null ? { zone: 'name' as const, offsetMinutes: Math.round(nameOffsetMs / 60_000) } : null;
  const s = (sample ?? '').trim();
  if (format === 'iso') {
    const m = ISO_PARTS.exec(s);
    if (!m) return { ...ISO_UTC, ...(named ?? {}) };
    const zone = m[11] ? (m[11].toUpperCase() === 'Z' ? { zone: 'Z' as const, offsetMinutes: 0 } : { zone: 'offset' as const, offsetMinutes: zoneMinutes(m[11]) }) : { zone: 'none' as const, offsetMinutes: 0 };
    return {
      kind: 'iso',
      dateSep: m[2] === '/' ? '/' : '-',
      date: m[4] === undefined ? 'ym' : 'ymd',
      joiner: m[5] === ' ' ? ' ' : 'T',
      clock: m[6] === undefined ? 'none' : m[8] === undefined ? 'hm' : 'hms',
      fraction: m[9] ? Math.min(3, m[9].length) : 0,
      year2: false,
      ampm: m[10] !== undefined,
      pad: (m[3].length === 2 && (m[4] ?? '00').length === 2) || m[6]?.length === 2,
      ...(named ?? zone),
    };
  }
  const m = DMY_PARTS.exec(s);
  if (!m) return { ...ISO_UTC, kind: format, dateSep: '.', zone: 'none', ...(named ?? {}) };
  return {
    kind: format,
    dateSep: m[2] as TimeLayout['dateSep'],
    date: 'ymd',
    joiner: m[5]?.includes('T') ? 'T' : ' ',
    clock: m[6] === undefined ? 'none' : m[8] === undefined ? 'hm' : 'hms',
    fraction: m[9] ? Math.min(3, m[9].length) : 0,
    year2: m[4].length === 2,
    ampm: m[10] !== undefined,
    pad: m[1].length === 2 || m[3].length === 2,
    zone: 'none',
    offsetMinutes: 0,
    ...(named ?? {}),
  };
}

const two = (n: number, pad: boolean) => (pad ? String(n).padStart(2, '0') : String(n));

function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** One time in a layout exactly as given (no widening). */
function write(t: number, l: TimeLayout): string {
  if (l.kind === 'index') return String(t);
  if (l.kind === 'epoch-ms') return String(Math.round(t * 1000) / 1000);
  if (l.kind === 'epoch-s') return l.fraction ? String(t / 1000) : String(Math.round(t / 1000));
  const d = new Date(t + l.offsetMinutes * 60_000);
  const year = d.getUTCFullYear();
  const y = l.year2 ? String(year % 100).padStart(2, '0') : String(year).padStart(4, '0');
  const mo = two(d.getUTCMonth() + 1, l.pad);
  const day = two(d.getUTCDate(), l.pad);
  const date = l.kind === 'iso' ? (l.date === 'ym' ? `${y}${l.dateSep}${mo}` : `${y}${l.dateSep}${mo}${l.dateSep}${day}`) : l.kind === 'dmy' ? `${day}${l.dateSep}${mo}${l.dateSep}${y}` : `${mo}${l.dateSep}${day}${l.dateSep}${y}`;
  let clock = '';
  if (l.clock !== 'none') {
    const h = d.getUTCHours();
    const hour = l.ampm ? two(h % 12 === 0 ? 12 : h % 12, l.pad) : two(h, true);
    clock = `${l.joiner}${hour}:${two(d.getUTCMinutes(), true)}`;
    if (l.clock === 'hms') clock += `:${two(d.getUTCSeconds(), true)}${l.fraction ? `.${String(d.getUTCMilliseconds()).padStart(3, '0').slice(0, l.fraction)}` : ''}`;
    if (l.ampm) clock += h < 12 ? ' AM' : ' PM';
  }
  const zone = l.zone === 'Z' ? 'Z' : l.zone === 'offset' ? offsetText(l.offsetMinutes) : '';
  return date + clock + zone;
}

/** The layout a step further from the source's, toward one that holds any time (null: nothing left to widen). */
function widen(l: TimeLayout): TimeLayout | null {
  if (l.kind === 'epoch-s' || l.kind === 'epoch-ms') return l.fraction < 3 ? { ...l, fraction: 3 } : null;
  if (l.date === 'ym') return { ...l, date: 'ymd' };
  if (l.year2) return { ...l, year2: false };
  if (l.clock === 'none') return { ...l, clock: 'hm' };
  if (l.clock === 'hm') return { ...l, clock: 'hms' };
  if (l.fraction < 3) return { ...l, fraction: 3 };
  return null;
}

/**
 * A writer of times in `layout`: each time is written in the layout, widened only as far as the
 * importer needs to read it back to the same millisecond; null or NaN becomes ''.
 */
export function timeWriter(layout: TimeLayout): (t: number | null) => string {
  if (layout.kind === 'index') return (t) => (t === null || !Number.isFinite(t) ? '' : String(t));
  const format: TimeFormat = layout.kind;
  // Values with a zone in the column name are read back by subtracting it (time-format.ts).
  const parse = timeParser(format, layout.zone === 'name' ? layout.offsetMinutes * 60_000 : 0);
  return (t) => {
    if (t === null || !Number.isFinite(t)) return '';
    for (let l: TimeLayout | null = layout; l; l = widen(l)) {
      const s = write(t, l);
      if (Math.abs(parse(s) - t) < 0.5) return s;
    }
    return write(t, { ...layout, date: 'ymd', year2: false, clock: 'hms', fraction: 3 });
  };
}

/**
 * The writer for a whole time column: `layout`'s, unless the importer would read the written column
 * as another format (`06/02/24` on every row is m/d or d/m alike: it takes d/m); then ISO times
 * with the same wall clock (and the zone in each value where the name carried it), which read
 * back the same. `layout` is the one used.
 */
export function columnWriter(layout: TimeLayout, times: readonly (number | null)[]): { layout: TimeLayout; write: (t: number | null) => string } {
  const write = timeWriter(layout);
  if (layout.kind !== 'dmy' && layout.kind !== 'mdy') return { layout, write };
  const sample = times.slice(0, 5000).map(write).filter((s) => s !== '');
  if (sample.length === 0 || detectTimeFormat('time', sample) === layout.kind) return { layout, write };
  const iso: TimeLayout = { ...layout, kind: 'iso', dateSep: '-', date: 'ymd', year2: false, ampm: false, pad: true, joiner: ' ', clock: layout.clock === 'none' ? 'none' : layout.clock, zone: layout.zone === 'name' ? 'offset' : layout.zone };
  return { layout: iso, write: timeWriter(iso) };
}

/** The time column's header: `t`, or with the zone a name carries (`time (UTC-04:00)`), or `index` without a clock. */
export function timeHeader(layout: TimeLayout, plain = 't'): string {
  if (layout.kind === 'index') return 'index';
  return layout.zone === 'name' ? `time (UTC${offsetText(layout.offsetMinutes)})` : plain;
}

/** A few words on a layout: `01.03.2024 12:00:00`, `ISO times in UTC`. */
export function describeLayout(layout: TimeLayout): string {
  if (layout.kind === 'index') return 'row numbers';
  if (layout.kind === 'epoch-s') return 'Unix seconds';
  if (layout.kind === 'epoch-ms') return 'Unix milliseconds';
  if (layout.kind === 'iso' && layout.zone === 'Z' && layout.clock === 'hms') return 'ISO times in UTC';
  const example = write(Date.UTC(2024, 2, 1, 13, 0, 0) - layout.offsetMinutes * 60_000, layout);
  return `times like ${example}${layout.zone === 'name' ? ` (UTC${offsetText(layout.offsetMinutes)})` : ''}`;
}
