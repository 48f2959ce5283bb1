// Test helpers for the engine: the Node backend (wasm, cpu fallback, as the CLI uses) and the
// real series under test/fixtures/series, read with a minimal `t,value` parser; synthetic series
// and their LSTM windows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { initBackend } from '../../../main/cli/backend';
import { createRandom, normal } from '../../../shared/model/random';
import type { WindowArrays } from '../../../shared/series/windows';
import type { SeriesTable } from '../../../shared/table';

export const backendReady = initBackend('wasm');

/** A fixture CSV (header `t,<names...>`) as a table; empty cells are NaN; integer t means no clock. */
export function loadFixture(name: string): SeriesTable {
  const text = readFileSync(join(__dirname, '../../fixtures/series', `${name}.csv`), 'utf8').trim();
  const [header, ...lines] = text.split(/\r?\n/);
  const names = header.split(',').slice(1);
  const rows = lines.map((l) => l.split(','));
  const clock = rows.length > 0 && !/^\d+$/.test(rows[0][0]);
  return {
    time: clock ? Float64Array.from(rows, (r) => Date.parse(r[0].length === 10 ? `${r[0]}T00:00:00Z` : `${r[0]}Z`)) : null,
    intervalMs: null,
    channels: names.map((name, j) => ({ name, values: Float64Array.from(rows, (r) => (r[j + 1] === '' ? NaN : Number(r[j + 1]))) })),
  };
}

/** A seasonal series with trend and noise: n rows, period m, seeded. */
export function synthetic(n: number, m = 12, seed = 1, extra: Record<string, (i: number) => number> = {}): SeriesTable {
  const rand = createRandom(seed);
  const values = Float64Array.from({ length: n }, (_, i) => 20 + 0.05 * i + 5 * Math.sin((2 * Math.PI * i) / m) + normal(rand));
  return {
    time: null,
    intervalMs: null,
    channels: [{ name: 'y', unit: 'C', values }, ...Object.entries(extra).map(([name, f]) => ({ name, values: Float64Array.from({ length: n }, (_, i) => f(i)) }))],
  };
}

/** The LSTM windows of a one-feature series over rows [from, to): `window` inputs, then `horizon` targets, one window per start row. */
export function windowArrays(series: Float32Array, window: number, horizon: number, from: number, to: number): WindowArrays {
  const count = to - from - window - horizon + 1;
  const x = new Float32Array(count * window);
  const y = new Float32Array(count * horizon);
  for (let i = 0; i < count; i++) {
    x.set(series.subarray(from + i, from + i + window), i * window);
    y.set(series.subarray(from + i + window, from + i + window + horizon), i * horizon);
  }
  return { x, y, count, features: 1 };
}
