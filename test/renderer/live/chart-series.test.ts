import { describe, expect, it } from 'vitest';

import { ChartSeries } from '../../../renderer/src/live/chart-series';

describe('chart series of every channel', () => {
  it('appends live rows to every channel, breaks lines at gaps and trims to the window in chunks', () => {
    const s = new ChartSeries(100);
    const temp = s.get('temp');
    for (let i = 0; i < 150; i++) {
      if (i === 120) s.breakBefore(i);
      s.appendRow(i, ['temp', 'hum'], [i, i === 10 ? null : 2 * i]);
      s.trim();
    }
    expect(s.get('temp')).toBe(temp); // the same array: the chart keeps a reference
    expect(s.get('hum').some((p) => p.x === 10)).toBe(false); // trimmed
    expect(temp.length).toBeLessThanOrEqual(121);
    expect(temp.at(-1)).toEqual({ x: 149, y: 149 });
    expect(temp.some((p) => Number.isNaN(p.y) && p.x === 120 - 1e-3)).toBe(true);
  });

  it('builds a file\'s channels on first use, row numbers for a file without a clock', () => {
    const s = new ChartSeries(10);
    s.reset({ time: null, channels: [{ name: 'a', values: new Float64Array([1, 2, 3]) }], intervalMs: null }, true);
    expect(s.get('a')).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: 3 },
    ]);
    expect(s.get('missing')).toEqual([]);
    expect(s.get(null)).toEqual([]);
  });
});
