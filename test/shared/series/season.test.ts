// Data preparation: season length from the clock or the autocorrelation (shared/series/season.ts).
import { describe, expect, it } from 'vitest';

import { createRandom, normal } from '../../../shared/model/random';
import { detectPeriod } from '../../../shared/series/season';
import { loadFixture } from '../model/helpers';

describe('season length', () => {
  it('monthly data has a season of 12 (from the clock)', () => {
    const t = loadFixture('nottem');
    expect(detectPeriod(t.channels[0].values, t.time, null)).toEqual({ period: 12, source: 'clock' });
  });

  it('finds a weekly cycle in data without a clock', () => {
    const rand = createRandom(3);
    const v = Float64Array.from({ length: 140 }, (_, i) => 10 * Math.sin((2 * Math.PI * i) / 7) + normal(rand));
    expect(detectPeriod(v, null, null)).toEqual({ period: 7, source: 'autocorrelation' });
  });

  it('white noise has no season', () => {
    const rand = createRandom(5);
    const v = Float64Array.from({ length: 200 }, () => normal(rand));
    expect(detectPeriod(v, null, null).period).toBe(1);
  });

  it('a clock season longer than a third of the series is not used (10-minute beaver data)', () => {
    const t = loadFixture('beaver1');
    expect(detectPeriod(t.channels[0].values, t.time, null).source).not.toBe('clock');
  });
});
