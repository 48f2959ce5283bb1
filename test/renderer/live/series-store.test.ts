// The page's store takes the wire's gaps (row indices, issue 12 item 3): a live batch hands them on
// for the worker's push, and the history a page loads keeps them.
import { describe, expect, it } from 'vitest';

import { SeriesStore } from '../../../renderer/src/live/series-store';

describe('SeriesStore gaps', () => {
  it('returns how many rows a live batch added and which of them follow a gap', () => {
    const store = new SeriesStore();
    const added = store.append({ sourceId: 's', channels: ['a'], t: [1, 2, 3], values: [[1], [2], [3]], gaps: [2, 0], rejected: 0, dropped: 0 });
    expect(added).toEqual({ rows: 3, gaps: [0, 2] });
  });

  it('keeps the gaps of a loaded history', () => {
    const store = new SeriesStore();
    store.loadHistory({ channels: ['a'], t: [1, 2, 3, 4], values: [[1], [2], [3], [4]], gaps: [2] });
    store.append({ sourceId: 's', channels: ['a'], t: [5], values: [[5]], gaps: [], rejected: 0, dropped: 0 });
    const snapshot = (store as unknown as { buffer: { latest(): { gaps: number[] } } }).buffer.latest();
    expect(snapshot.gaps).toEqual([2]);
  });
});

describe('SeriesStore rows for the model', () => {
  it('hands the newest rows of a batch in the model\'s channel order, NaN where the data lack a channel', () => {
    const store = new SeriesStore();
    store.append({ sourceId: 's', channels: ['seq', 'temp'], t: [1, 2], values: [[1, 20], [2, null]], gaps: [], rejected: 0, dropped: 0 });
    const added = store.append({ sourceId: 's', channels: ['seq', 'temp', 'hum'], t: [3, 4], values: [[3, 21, 50], [4, 22, 51]], gaps: [], rejected: 0, dropped: 0 });
    const { t, rows } = store.rows(['hum', 'temp', 'pressure'], added.rows);
    expect(t).toEqual([3, 4]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([[50, 21], [51, 22]]);
    expect(rows.every((r) => Number.isNaN(r[2]))).toBe(true);
    // The rows before keep NaN for a channel that appeared later, and for a null on the wire.
    const all = store.rows(['temp', 'hum'], 4).rows;
    expect(Number.isNaN(all[1][0]) && Number.isNaN(all[0][1])).toBe(true);
  });
});
