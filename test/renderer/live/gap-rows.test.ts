import { describe, expect, it } from 'vitest';

import { gapRows } from '../../../renderer/src/live/gap-rows';

describe('gapRows', () => {
  it('breaks before the first row at or after each gap', () => {
    expect([...gapRows([100, 200, 300, 400], [150, 300])]).toEqual([1, 2]);
  });

  it('maps a gap before the batch to its first row, and one after its last row to none', () => {
    expect([...gapRows([100, 200], [50])]).toEqual([0]);
    expect(gapRows([100, 200], [250]).size).toBe(0);
    expect(gapRows([], [250]).size).toBe(0);
  });
});
