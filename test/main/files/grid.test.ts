import { describe, expect, it } from 'vitest';

import { toRegularGrid } from '../../../main/files/grid';

const grid = (times: number[], values: number[]) => {
  const g = toRegularGrid(Float64Array.from(times), [Float64Array.from(values)]);
  return { time: Array.from(g.time), v: Array.from(g.columns[0]), report: g.report };
};

describe('toRegularGrid (gap policy)', () => {
  it('leaves a regular series as it is', () => {
    const g = grid([0, 10, 20, 30], [1, 2, 3, 4]);
    expect(g.report).toMatchObject({ intervalMs: 10, applied: false, merged: 0, filled: 0 });
  });

  it('a jittered row whose slot is taken moves to the next free slot instead of being merged', () => {
    const g = grid([0, 10, 14, 30, 40, 50], [0, 1, 2, 3, 4, 5]);
    expect(g.v).toEqual([0, 1, 2, 3, 4, 5]);
    expect(g.report).toMatchObject({ merged: 0, filled: 0 });
  });

  it('exact duplicate times are merged (the later row wins) and a missing slot is NaN, never 0', () => {
    const g = grid([0, 10, 10, 40], [0, 1, 11, 4]);
    expect(g.v).toEqual([0, 11, Number.NaN, Number.NaN, 4]);
    expect(g.report).toMatchObject({ merged: 1, filled: 2, applied: true });
  });

  it('too irregular to grid: left as read with no interval, and says why', () => {
    const g = grid([0, 1, 2, 100_000], [1, 2, 3, 4]);
    expect(g.report.intervalMs).toBeNull();
    expect(g.report.note).toMatch(/too irregular/);
    expect(g.v).toEqual([1, 2, 3, 4]);
  });

  it('sorts rows out of order and counts them', () => {
    const g = grid([20, 0, 10], [2, 0, 1]);
    expect(g.v).toEqual([0, 1, 2]);
    expect(g.report.outOfOrder).toBe(2);
  });
});
