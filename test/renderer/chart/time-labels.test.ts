import { describe, expect, it } from 'vitest';

import { labelStep, minTimeUnit, tickLabel, tickPattern, tooltipPattern } from '../../../renderer/src/chart/time-labels';

// Local time: build the instants from local fields so the test holds in any time zone.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms).getTime();

describe('time axis labels', () => {
  it('show milliseconds only when ticks are under a second apart', () => {
    const t = at(2026, 3, 5, 14, 7, 9, 250);
    expect(tickLabel(t, 5000, t - 5000)).toBe('14:07:09');
    expect(tickLabel(t, 200, t - 200)).toBe('14:07:09.250');
    expect(tickLabel(t, 10 * 60_000, t - 600_000)).toBe('14:07');
  });

  it('put the date on the first clock label and where the day changes', () => {
    const midnight = at(2026, 3, 6);
    expect(tickLabel(midnight, 3_600_000, midnight - 3_600_000)).toBe('6 Mar 00:00');
    expect(tickLabel(at(2026, 3, 5, 23), 3_600_000, null)).toBe('5 Mar 23:00');
  });

  it('are calendar labels for daily, monthly and yearly data', () => {
    expect(tickLabel(at(1925, 7, 1), 7 * 86_400_000, null)).toBe('1 Jul 1925');
    expect(tickLabel(at(1925, 7, 1), 91 * 86_400_000, null)).toBe('Jul 1925');
    expect(tickLabel(at(1925, 1, 1), 2 * 365 * 86_400_000, null)).toBe('1925');
    expect(tickPattern(30 * 86_400_000)).toBe('MMM yyyy');
  });

  it('give tooltips milliseconds only for data faster than 1 Hz', () => {
    expect(tooltipPattern(100)).toMatch(/\.SSS$/);
    expect(tooltipPattern(1000)).toBe('yyyy-MM-dd HH:mm:ss');
    expect(tooltipPattern(30 * 86_400_000)).toBe('d MMM yyyy');
  });
});

describe('time ticks', () => {
  it('are no finer than a second unless the labels that fit are under a second apart', () => {
    expect(minTimeUnit(30_000, 1000)).toBe('second');
    expect(minTimeUnit(3_000, 1000)).toBe('millisecond');
    expect(labelStep(1, 30_000, 900)).toBe(3000);
    expect(labelStep(60_000, 600_000, 900)).toBe(60_000);
  });
});
