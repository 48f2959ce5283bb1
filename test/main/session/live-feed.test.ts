// The live feed of the session (main/session/live-feed.ts): a growing channel list, batches with
// gaps and counts for the page, the history a page catches up with, and what a new source resets.
import { describe, expect, it } from 'vitest';

import { LiveFeed } from '../../../main/session/live-feed';

describe('LiveFeed', () => {
  it('batches samples with their gaps and rejected lines, keeps them in the history, and counts them', () => {
    const feed = new LiveFeed(100, 1000);
    feed.add(['a'], [{ t: 1, values: [1] }]);
    feed.gap();
    feed.reject(2);
    expect(feed.channelsChange(['a', 'b'])).toBe(true);
    feed.add(['a', 'b'], [{ t: 2, values: [2, Number.NaN] }, { t: 3, values: [3, 30] }]);
    expect(feed.channels).toEqual(['a', 'b']);
    expect(feed.take('src-1')).toEqual({ sourceId: 'src-1', channels: ['a', 'b'], t: [1, 2, 3], values: [[1], [2, null], [3, 30]], gaps: [1], rejected: 2, dropped: 0 });
    expect(feed.take('src-1')).toBeNull();
    expect(feed.history()).toEqual({ channels: ['a', 'b'], t: [1, 2, 3], values: [[1, null], [2, null], [3, 30]], gaps: [1] });
    expect(feed.received).toBe(3);
    expect(feed.perSecond()).toBeGreaterThan(0);
  });

  it('drops and counts a flood past the batch limit (the history keeps it), and forgets everything on reset', () => {
    const feed = new LiveFeed(2, 1000);
    feed.add(['a'], [1, 2, 3, 4, 5].map((t) => ({ t, values: [t] })));
    expect(feed.take('s')).toMatchObject({ t: [1, 2], dropped: 3 });
    expect(feed.dropped).toBe(3);
    expect(feed.history().t).toEqual([1, 2, 3, 4, 5]);
    feed.reset();
    expect([feed.channels, feed.received, feed.dropped, feed.history().t]).toEqual([[], 0, 0, []]);
  });
});
