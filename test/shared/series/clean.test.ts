// Data preparation: channel checks, gap filling and gap-free segments (shared/series/clean.ts).
import { describe, expect, it } from 'vitest';

import { fillGaps, segments, selectChannels } from '../../../shared/series/clean';
import type { SeriesTable } from '../../../shared/table';

const table = (cols: Record<string, number[]>): SeriesTable => ({
  time: null,
  intervalMs: null,
  channels: Object.entries(cols).map(([name, v]) => ({ name, values: Float64Array.from(v) })),
});

describe('series cleaning', () => {
  it('interpolates short interior gaps and leaves long ones and the ends missing', () => {
    const out = fillGaps([NaN, 1, NaN, 3, NaN, NaN, NaN, NaN, 8, NaN], 3);
    expect(out[2]).toBe(2);
    expect(Array.from(out.subarray(4, 8)).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(out[0]) && Number.isNaN(out[9])).toBe(true);
  });

  it('splits the series at long gaps so that no window crosses them', () => {
    const a = fillGaps([1, 2, 3, NaN, NaN, NaN, NaN, NaN, 4, 5, 6, 7], 3);
    expect(segments([a], 3)).toEqual([
      { start: 0, end: 3 },
      { start: 8, end: 12 },
    ]);
    expect(segments([a], 4)).toEqual([{ start: 8, end: 12 }]);
  });

  it('unknown column: names the column and lists the ones there are', () => {
    expect(() => selectChannels(table({ a: [1, 2] }), 'b')).toThrow(expect.objectContaining({ code: 'UNKNOWN_COLUMN', hint: 'columns are: a' }));
  });

  it('all-missing column: ALL_MISSING', () => {
    expect(() => selectChannels(table({ a: [NaN, NaN] }), 'a')).toThrow(expect.objectContaining({ code: 'ALL_MISSING' }));
  });

  it('infinite input: a clear error naming the row', () => {
    expect(() => selectChannels(table({ a: [1, Infinity] }), 'a')).toThrow(/infinite value at row 2/);
  });

  it('puts the target first and drops a covariate equal to it', () => {
    const chans = selectChannels(table({ a: [1, 2], b: [3, 4] }), 'b', ['a', 'b']);
    expect(chans.map((c) => c.name)).toEqual(['b', 'a']);
  });
});
