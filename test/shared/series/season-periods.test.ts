// Seasons a user gives (shared/series/season-periods.ts): "24,168" and "1d,7d" parsed into rows,
// checked against the series, with the fix for each bad value.
import { describe, expect, it } from 'vitest';

import { EngineError } from '../../../shared/errors';
import { checkGivenPeriods, parsePeriods } from '../../../shared/series/season-periods';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('given periods', () => {
  const bad = (f: () => unknown): EngineError => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('BAD_OPTION');
      expect((err as EngineError).hint).toBeTruthy();
      return err as EngineError;
    }
    throw new Error('expected an EngineError');
  };

  it('parses rows and, with an interval, time spans', () => {
    expect(parsePeriods('24,168')).toEqual([24, 168]);
    expect(parsePeriods(' 24 , 168 ')).toEqual([24, 168]);
    expect(parsePeriods('1d,7d', HOUR)).toEqual([24, 168]);
    expect(parsePeriods('1d', 10 * MIN)).toEqual([144]);
    expect(parsePeriods('60s', 100)).toEqual([600]);
  });

  it('rejects bad text with the fix', () => {
    expect(bad(() => parsePeriods('')).message).toMatch(/empty/);
    expect(bad(() => parsePeriods('24,,168')).message).toMatch(/empty/);
    expect(bad(() => parsePeriods('abc')).message).toMatch(/neither/);
    expect(bad(() => parsePeriods('2.5')).message).toMatch(/neither/);
    expect(bad(() => parsePeriods('0')).message).toMatch(/at least 1/);
    expect(bad(() => parsePeriods('1d')).message).toMatch(/no clock/);
    expect(bad(() => parsePeriods('90min', HOUR)).message).toMatch(/1\.5 rows of 1 h data/);
  });

  it('checks given periods against the series', () => {
    const ok = checkGivenPeriods([168, 24], 2000, HOUR);
    expect(ok.seasons.map((s) => [s.period, s.source, s.label])).toEqual([
      [24, 'given', 'daily'],
      [168, 'given', 'weekly'],
    ]);
    expect(ok).toMatchObject({ period: 24, source: 'given' });
    expect(ok.warning).toBeUndefined();
    expect(checkGivenPeriods([1], 100, null)).toMatchObject({ seasons: [], period: 1, source: 'given' });
    expect(bad(() => checkGivenPeriods([300], 500, null)).message).toMatch(/longer than half the series/);
    expect(bad(() => checkGivenPeriods([300], 500, null)).hint).toMatch(/at most 250 rows/);
    expect(bad(() => checkGivenPeriods([2.5], 500, null)).message).toMatch(/whole number/);
    expect(bad(() => checkGivenPeriods([0], 500, null)).message).toMatch(/whole number/);
  });

  it('warns about a period that matches no calendar cycle of the data, and keeps it', () => {
    const given = checkGivenPeriods([24], 2000, 10 * MIN);
    expect(given.period).toBe(24);
    expect(given.seasons[0].label).toBe('4 h');
    expect(given.warning).toMatch(/24 rows \(4 h\) matches no calendar cycle of 10 min data \(daily = 144/);
    // No calendar cycle fits in the data (or no clock): nothing to contradict.
    expect(checkGivenPeriods([24], 200, 10 * MIN).warning).toBeUndefined();
    expect(checkGivenPeriods([24], 2000, null).warning).toBeUndefined();
  });
});
