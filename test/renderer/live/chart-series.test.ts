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

  it('joins a channel\'s own values when each row carries one channel (MQTT topics), breaking only at gaps', () => {
    const s = new ChartSeries(1000);
    for (let i = 0; i < 6; i++) s.appendRow(i, ['a', 'b'], i % 2 === 0 ? [i, null] : [null, 10 * i]);
    s.breakBefore(6);
    s.appendRow(6, ['a', 'b'], [6, null]);
    expect(s.get('a')).toEqual([
      { x: 0, y: 0 },
      { x: 2, y: 2 },
      { x: 4, y: 4 },
      { x: 6 - 1e-3, y: Number.NaN },
      { x: 6, y: 6 },
    ]);
    expect(s.get('b').map((p) => p.y)).toEqual([10, 30, 50, Number.NaN]);
  });

  it('rebuilds a live snapshot with its gaps, and breaks a file\'s line only where a row has no value at all', () => {
    const nan = Number.NaN;
    const s = new ChartSeries(100);
    s.reset({
      time: new Float64Array([0, 1, 2, 3, 4]),
      channels: [
        { name: 'a', values: new Float64Array([1, nan, 3, nan, 5]) },
        { name: 'b', values: new Float64Array([nan, 2, nan, nan, 4]) },
      ],
      intervalMs: 1,
      gaps: [4],
    });
    expect(s.get('a')).toEqual([
      { x: 0, y: 1 },
      { x: 2, y: 3 },
      { x: 3, y: nan },
      { x: 4 - 1e-3, y: nan },
      { x: 4, y: 5 },
    ]);
    expect(s.get('b').map((p) => p.x)).toEqual([1, 3, 4 - 1e-3, 4]);
  });
});
