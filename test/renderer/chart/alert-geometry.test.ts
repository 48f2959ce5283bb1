import { describe, expect, it } from 'vitest';

import { firstCrossing } from '../../../renderer/src/chart/alert-geometry';

describe('firstCrossing (where the forecast line meets a threshold)', () => {
  const line = [
    { x: 0, y: 26 },
    { x: 10, y: 28 },
    { x: 20, y: 32 },
    { x: 30, y: 35 },
  ];
  it('interpolates between the last point before and the first past the value', () => {
    expect(firstCrossing(line, '>', 30)).toEqual({ x: 15, y: 30 });
    expect(firstCrossing(line, '<', 27)).toEqual({ x: 0, y: 27 });
  });
  it('null when the line never goes past; a gap (NaN) is not a crossing', () => {
    expect(firstCrossing(line, '>', 35)).toBeNull();
    expect(firstCrossing([{ x: 0, y: Number.NaN }, { x: 1, y: 40 }], '>', 30)).toEqual({ x: 1, y: 30 });
    expect(firstCrossing([], '<', 0)).toBeNull();
  });
});
