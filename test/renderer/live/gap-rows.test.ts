import { describe, expect, it } from 'vitest';

import { gapRows } from '../../../renderer/src/live/gap-rows';

describe('gapRows', () => {
  it('takes the rows the wire names as following a gap', () => {
    expect([...gapRows([100, 200, 300, 400], [1, 2])]).toEqual([1, 2]);
    expect([...gapRows([100, 200], [0, 0])]).toEqual([0]);
  });

  it('ignores indices outside the batch', () => {
    expect(gapRows([100, 200], [2, -1, 0.5]).size).toBe(0);
    expect(gapRows([], [0]).size).toBe(0);
  });
});
