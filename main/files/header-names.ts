// File import, header names: what one header name or units cell says beyond the name. Units and
// time zones out of header names (HOBOware's `Temp, °F (LGR S/N: ...)`, `Date Time, GMT-04:00`,
// `Temperature (°C)`), whether a cell of a units row names a unit, and the logger's own columns
// (record numbers, event columns and their event-only rows). Pure. Callers: header-detect.ts
// (looksLikeUnit), sniff.ts (headerName, isRecordColumn), row-reader.ts (eventRowTest).
import type { Dialect } from './sniff';

/** Units as loggers print them in a units row (`Deg C`, `W/m^2`, `%`, `hPa`, `Volts`, ...). */
const UNIT_WORDS = new Set(
  'c f k degc degf degk deg deg c deg f °c °f °k *c *f ° % %rh rh% v mv volts volt a ma w kw wh kwh hz khz rpm pa hpa kpa mpa mbar bar inhg mmhg psi lux lx klux ppm ppb db dba g kg m cm mm km in ft s ms min h hr m/s km/h mph kt kts knots m/s^2 m/s² l ml l/min l/s degrees degree rad µg/m3 ug/m3 µg/m³ mg/m3 us/cm µs/cm ms/cm ohm ohms kohm ω kω ntu ph j kj mj/m^2 mj/m2 w/m^2 w/m2 w/m² umol/m^2/s µmol/m²/s mm/h mm/hr in/h unitless ts rn m³/h m3/h'.split(
    ' ',
  ),
);

/** A date/time pattern in a units row (`yyyy-MM-dd hh:mm:ss a`): the time column's unit. */
export const DATE_PATTERN = /^(?=.*(yy|YY|:))[yYMdDHhmsSaAZTt\s\-/.:,]+$/;

/** True when a cell names a unit (`Deg C`, `W/m^2`, `[hPa]`, `(°C)`, `yyyy-MM-dd hh:mm:ss`). */
export function looksLikeUnit(cell: string): boolean {
  const s = cell.trim();
  if (s.length === 0 || s.length > 24) return false;
  if (/^[[(].*[\])]$/.test(s)) return true;
  const lower = s.toLowerCase();
  if (UNIT_WORDS.has(lower) || UNIT_WORDS.has(lower.replace(/\s+/g, ''))) return true;
  if (DATE_PATTERN.test(s)) return true;
  // `m^3/h`, `°C/100m`, `µS/cm`: a slash, caret or degree sign between short unit letters.
  return /^[a-zA-Zµ°%*]{1,6}([/^][a-zA-Z0-9µ°²³]{1,6})+$/.test(s);
}

/** What a header name says beyond the name: a unit, a time zone, a logger event column. */
export interface HeaderName {
  name: string;
  unit?: string;
  /** The zone of a time column's values, from `GMT-04:00` / `UTC+1` in its name, in ms east of UTC. */
  zoneOffsetMs?: number;
  /** A logger event column (HOBOware `Host Connected`, `End Of File`, ...): not a channel. */
  event?: boolean;
}

const HOBO_SUFFIX = /\s*\((?:[^()]*\bS\/N:[^()]*)\)\s*$/;
const HOBO_EVENTS = /^(coupler (detached|attached)|host connected|stopped|started|end of file|button (up|down)|bad battery|good battery|sensor data error|chan(nel)? \d+ (on|off)|logged)$/i;
const ZONE = /^(.*?)[\s,(]*\b(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\)?\s*$/i;

/**
 * Splits a header name: `Temp, °F (LGR S/N: 1, SEN S/N: 1, LBL: air)` -> `Temp air` in °F;
 * `Date Time, GMT-04:00` -> `Date Time` at -4 h; `Temperature (°C)` keeps its name, unit °C.
 */
export function headerName(raw: string): HeaderName {
  let name = raw.trim();
  const hobo = HOBO_SUFFIX.exec(name);
  if (hobo) {
    const label = /\bLBL:\s*([^,()]+)/.exec(hobo[0])?.[1]?.trim();
    name = name.slice(0, hobo.index).trim();
    const comma = name.lastIndexOf(',');
    const quantity = comma > 0 ? name.slice(0, comma).trim() : name;
    const unit = comma > 0 ? name.slice(comma + 1).trim() : undefined;
    if (!unit && HOBO_EVENTS.test(quantity)) return { name: quantity, event: true };
    return { name: label ? `${quantity} ${label}` : quantity, ...(unit ? { unit } : {}) };
  }
  const zone = ZONE.exec(name);
  if (zone && zone[1] && /\b(date|time|zeit|datum|timestamp)\b/i.test(zone[1])) {
    const minutes = zone[3] ? (Number(zone[3]) * 60 + Number(zone[4] ?? 0)) * (zone[2] === '-' ? -1 : 1) : 0;
    return { name: zone[1].trim().replace(/,$/, ''), zoneOffsetMs: minutes * 60_000 };
  }
  const bracket = /[([]([^()[\]]{1,20})[)\]]\s*$/.exec(name);
  if (bracket && looksLikeUnit(bracket[1])) return { name, unit: bracket[1].trim() };
  return { name };
}

/** A record-number column (HOBOware `#`, TOA5 `RECORD` with unit `RN`): a counter, not a channel. */
export function isRecordColumn(name: string, unit: string | undefined): boolean {
  return name === '#' || unit === 'RN' || /^(record|rec_?num|record number)$/i.test(name);
}

/**
 * A test for rows that only log an event (HOBOware's `Host Connected`/`End Of File` row: event
 * cells set, every value empty), or null when the file has no event columns.
 */
export function eventRowTest(dialect: Pick<Dialect, 'loggerColumns' | 'valueColumns'>): ((row: string[]) => boolean) | null {
  const events = dialect.loggerColumns.filter((l) => l.kind === 'event').map((l) => l.column);
  if (events.length === 0) return null;
  const values = dialect.valueColumns;
  return (row) => values.every((c) => row[c].trim() === '') && events.some((c) => row[c].trim() !== '');
}
