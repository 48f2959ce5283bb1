// Wire encodings for the app API: JSON has no NaN and no typed arrays, so missing values travel as
// null and weights as base64. Both transports (IPC and WebSocket) use the same encodings.
// Callers: main/session and main/api (encode), renderer/src (decode), the worker (bundles).
import type { SeriesTable } from '../table';

import type { TableWire } from './contract';

/** NaN/±Infinity -> null, so the value survives JSON. */
export function toWireNumbers(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** null -> NaN (a missing value, never 0). */
export function fromWireNumbers(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null ? Number.NaN : v;
  }
  return out;
}

export function encodeTable(table: SeriesTable): TableWire {
  return {
    time: table.time ? Array.from(table.time) : null,
    channels: table.channels.map((c) => (c.unit === undefined ? { name: c.name, values: toWireNumbers(c.values) } : { name: c.name, unit: c.unit, values: toWireNumbers(c.values) })),
    intervalMs: table.intervalMs,
  };
}

export function decodeTable(wire: TableWire): SeriesTable {
  return {
    time: wire.time ? Float64Array.from(wire.time) : null,
    channels: wire.channels.map((c) => (c.unit === undefined ? { name: c.name, values: fromWireNumbers(c.values) } : { name: c.name, unit: c.unit, values: fromWireNumbers(c.values) })),
    intervalMs: wire.intervalMs,
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Bytes -> base64 (no Buffer/btoa in shared/). */
export function toBase64(data: ArrayBuffer | Uint8Array): string {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? ALPHABET[n & 63] : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** base64 -> bytes; throws RangeError on a character outside the alphabet or a bad length. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new RangeError('base64 text has a bad length');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    let k = 0;
    for (; k < 4 && i + k < clean.length; k++) {
      const code = clean.charCodeAt(i + k);
      const v = code < 128 ? LOOKUP[code] : -1;
      if (v < 0) throw new RangeError(`base64 text has a bad character at ${i + k}`);
      n = (n << 6) | v;
    }
    n <<= 6 * (4 - k);
    if (k > 1) out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
  }
  return out;
}
