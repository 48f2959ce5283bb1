// The page's store takes the wire's gaps (row indices, issue 12 item 3): a live batch hands them on
// for the worker's push, and the history a page loads keeps them.
import { describe, expect, it } from 'vitest';

import { SeriesStore } from '../../../renderer/src/live/series-store';

describe('SeriesStore gaps', () => {
  it('returns the rows of a live batch that follow a gap', () => {
    const store = new SeriesStore();
    const added = store.append({ sourceId: 's', channels: ['a'], t: [1, 2, 3], values: [[1], [2], [3]], gaps: [2, 0], rejected: 0, dropped: 0 });
    expect(added.gaps).toEqual([0, 2]);
    expect(added.t).toEqual([1, 2, 3]);
  });

  it('keeps the gaps of a loaded history', () => {
    const store = new SeriesStore();
    store.loadHistory({ channels: ['a'], t: [1, 2, 3, 4], values: [[1], [2], [3], [4]], gaps: [2] });
    store.append({ sourceId: 's', channels: ['a'], t: [5], values: [[5]], gaps: [], rejected: 0, dropped: 0 });
    const snapshot = (store as unknown as { buffer: { latest(): { gaps: number[] } } }).buffer.latest();
    expect(snapshot.gaps).toEqual([2]);
  });
});
