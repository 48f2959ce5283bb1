// Batching and flow control on the way to the page (main/session/sample-batcher.ts): a flood past
// the batch limit is dropped and counted, gaps are row indices and never lost (issue 12 item 3).
import { describe, expect, it } from 'vitest';

import { SampleBatcher } from '../../../main/session/sample-batcher';

const samples = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ t: from + i, values: [from + i, Number.NaN] }));

describe('SampleBatcher', () => {
  it('sends nothing when there is nothing to tell, and missing values as null', () => {
    const b = new SampleBatcher(10);
    expect(b.take('s', ['a', 'b'])).toBeNull();
    b.add(samples(2));
    expect(b.take('s', ['a', 'b'])).toEqual({ sourceId: 's', channels: ['a', 'b'], t: [0, 1], values: [[0, null], [1, null]], gaps: [], rejected: 0, dropped: 0 });
    b.reject(3);
    expect(b.take('s', ['a', 'b'])).toMatchObject({ t: [], rejected: 3, gaps: [] });
  });

  it('holds a gap until a row follows it, through batches sent without rows', () => {
    const b = new SampleBatcher(10);
    b.gap();
    b.reject(1);
    expect(b.take('s', ['a'])).toMatchObject({ t: [], gaps: [] });
    expect(b.take('s', ['a'])).toBeNull();
    b.add(samples(2, 5));
    expect(b.take('s', ['a'])).toMatchObject({ t: [5, 6], gaps: [0] });
  });

  it('drops a flood past the limit, counts it and marks a gap before the next row', () => {
    const b = new SampleBatcher(3);
    b.add(samples(5));
    expect(b.take('s', ['a'])).toMatchObject({ t: [0, 1, 2], dropped: 2, gaps: [] });
    b.add(samples(1, 5));
    expect(b.take('s', ['a'])).toMatchObject({ t: [5], dropped: 0, gaps: [0] });
    expect(b.dropped).toBe(2);
    b.reset();
    expect(b.dropped).toBe(0);
  });
});
