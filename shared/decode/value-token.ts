// Live data, stage 2 helper: one token of a decoded line -> a number with its unit, or nothing.
// Knows the units sketches print after a value (`23.5C`, `41.00%`, `1013.25 hPa`, `9.81 m/s^2`) and
// spells the ASCII stand-ins for a degree sign (`*C`, `degC`) as `°C`.
// Pure: called by line-decoder.ts.

const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/;
// Units accepted after a number (compared lower-case): `23.5C`, `41%`, `3.3 V`, `1013hPa`, `9.81 m/s^2`.
const UNITS = new Set(
  (
    'c °c *c degc f °f *f degf k ° deg % %rh rh v mv uv µv a ma ua µa w mw kw wh kwh hz khz mhz rpm bpm ' +
    'pa hpa kpa mbar bar psi lux lx ppm ppb db dbm g kg mg m cm mm km in inch ft s ms us µs ' +
    'm/s m/s2 m/s² m/s^2 km/h mph rad/s deg/s °/s dps ut µt gauss g/m3 ug/m3 µg/m3 mg/m3 l ml l/min ohm kohm Ω kΩ'
  ).split(' '),
);
// ASCII spellings of a degree unit, as printed by sketches that avoid the `°` character.
const DEGREES: Record<string, string> = { '*c': '°C', '*f': '°F', degc: '°C', degf: '°F' };
const SPECIAL = /^[+-]?(?:nan|inf|ovf)$/i; // what Arduino's Serial.print prints for NAN, INFINITY, overflow

export const isUnit = (s: string): boolean => UNITS.has(s.toLowerCase());

/** The unit as shown on a channel: `*C` and `degC` become `°C`, others stay as the device sent them. */
export function normalizeUnit(unit: string): string {
  return DEGREES[unit.toLowerCase()] ?? unit;
}

/** Parses a value token (`23.5`, `23.5C`, `41%`, `nan`); undefined when it is not a number. */
export function parseValue(token: string): { value: number; unit?: string } | undefined {
  const c = token.charCodeAt(0);
  // Fast refusal of words: a number starts with a digit, a sign or a dot; nan/inf/ovf with n, i or o.
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numeric) return (c | 32) === 110 || (c | 32) === 105 || (c | 32) === 111 ? special(token) : undefined;
  const plain = Number(token);
  // Number() also reads `0x1F`, `0b1`, `0o7`: those are not what Serial.print prints for a number.
  if (Number.isFinite(plain) && !(c === 48 && ((token.charCodeAt(1) | 32) === 120 || (token.charCodeAt(1) | 32) === 98 || (token.charCodeAt(1) | 32) === 111))) return { value: plain };
  if (SPECIAL.test(token)) return { value: Number.NaN };
  const m = NUMBER.exec(token);
  if (!m) return undefined;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return undefined;
  if (m[2] === '') return { value };
  return isUnit(m[2]) ? { value, unit: m[2] } : undefined;
}

function special(token: string): { value: number } | undefined {
  return SPECIAL.test(token) ? { value: Number.NaN } : undefined;
}
