// Data preparation, step 1: pick the model's channels out of a table, check them, fill short
// gaps and find the gap-free stretches (segments) that training windows may not cross.
// Called by shared/model/train.ts and shared/eval/backtest.ts.
import { EngineError } from '../errors';
import type { Channel, SeriesTable } from '../table';

export interface Segment {
  /** First row. */
  start: number;
  /** One past the last row. */
  end: number;
}

/** The target first, then the covariates; checks names, emptiness and infinities. */
export function selectChannels(table: SeriesTable, target: string, covariates: string[] = []): Channel[] {
  const names = table.channels.map((c) => c.name);
  const pick = (name: string): Channel => {
    const found = table.channels.find((c) => c.name === name);
    if (!found) {
      throw new EngineError('UNKNOWN_COLUMN', `no column named "${name}"`, `columns are: ${names.join(', ') || '(none)'}`);
    }
    return found;
  };
  const seen = new Set<string>();
  const out: Channel[] = [];
  for (const name of [target, ...covariates]) {
    if (seen.has(name)) continue;
    seen.add(name);
    const ch = pick(name);
    let finite = 0;
    for (let i = 0; i < ch.values.length; i++) {
      const v = ch.values[i];
      if (v === Infinity || v === -Infinity) {
        throw new EngineError('BAD_INPUT', `column "${name}" has an infinite value at row ${i + 1}`, 'fix or blank that cell; blanks count as missing');
      }
      if (!Number.isNaN(v)) finite++;
    }
    if (finite === 0) {
      throw new EngineError('ALL_MISSING', `column "${name}" has no numeric values`, 'pick a numeric column with {column} / {covariates}');
    }
    out.push(ch);
  }
  return out;
}

/** Copy of `values` with interior runs of at most `maxGap` missing rows linearly interpolated. */
export function fillGaps(values: ArrayLike<number>, maxGap: number): Float64Array {
  const out = Float64Array.from(values);
  let i = 0;
  while (i < out.length) {
    if (!Number.isNaN(out[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && Number.isNaN(out[j])) j++;
    // Interior run [i, j): fill only when short and bounded on both sides.
    if (i > 0 && j < out.length && j - i <= maxGap) {
      const a = out[i - 1];
      const b = out[j];
      for (let k = i; k < j; k++) out[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    }
    i = j;
  }
  return out;
}

/** Maximal row ranges where every column has a value, each at least `minLength` rows long. */
export function segments(columns: ArrayLike<number>[], minLength: number): Segment[] {
  const n = columns.length ? columns[0].length : 0;
  const out: Segment[] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const ok = i < n && columns.every((c) => !Number.isNaN(c[i]));
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      if (i - start >= minLength) out.push({ start, end: i });
      start = -1;
    }
  }
  return out;
}

/** Rows [from, to) of a table, sharing nothing with it. */
export function sliceTable(table: SeriesTable, from: number, to: number): SeriesTable {
  return {
    time: table.time ? table.time.slice(from, to) : null,
    intervalMs: table.intervalMs,
    channels: table.channels.map((c) => ({ ...c, values: c.values.slice(from, to) })),
  };
}

/** Number of rows of a table. */
export function rowCount(table: SeriesTable): number {
  return table.channels.length ? table.channels[0].values.length : (table.time?.length ?? 0);
}
