import { describe, expect, it } from 'vitest';

import { calendarMonths, futureTimes, isCalendarMonthly, medianInterval, MONTH_MS, timesAfter } from '../../../shared/series/time-grid';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 10));

describe('time grid: one step, one calendar, one set of future times for every process', () => {
  it('medianInterval: the median spacing, null without two rows, non-finite pairs skipped', () => {
    expect(medianInterval(Float64Array.from([0, 10, 20, 35, 45]))).toBe(10);
    expect(medianInterval([0, Number.NaN, 20, 30, 40])).toBe(10);
    expect(medianInterval(null)).toBeNull();
    expect(medianInterval([5])).toBeNull();
    // Evenly spread pairs when there are more than maxPairs.
    expect(medianInterval(Float64Array.from({ length: 10_001 }, (_, i) => i * 100), 1000)).toBe(100);
  });

  it('calendarMonths: monthly, quarterly and yearly steps are whole months; a day or 45 days is not', () => {
    expect(calendarMonths(MONTH_MS)).toBe(1);
    expect(calendarMonths(28 * 86_400_000)).toBe(1);
    expect(calendarMonths(3 * MONTH_MS)).toBe(3);
    expect(calendarMonths(12 * MONTH_MS)).toBe(12);
    expect(calendarMonths(86_400_000)).toBeNull();
    expect(calendarMonths(45 * 86_400_000)).toBeNull();
  });

  it('isCalendarMonthly: midnight UTC on one day of the month', () => {
    expect(isCalendarMonthly([Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1), Date.UTC(2020, 2, 1)])).toBe(true);
    expect(isCalendarMonthly([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 31)])).toBe(false);
  });

  it('monthly forecasts stay on the 1st of each month (not on a 30.44-day grid)', () => {
    const times = timesAfter(Date.UTC(1960, 11, 1), MONTH_MS, 14).map(iso);
    expect(times.slice(0, 3)).toEqual(['1961-01-01', '1961-02-01', '1961-03-01']);
    expect(times[13]).toBe('1962-02-01');
  });

  it('yearly forecasts stay on 1 January, leap years included', () => {
    expect(timesAfter(Date.UTC(2019, 0, 1), 12 * MONTH_MS, 3).map(iso)).toEqual(['2020-01-01', '2021-01-01', '2022-01-01']);
  });

  it('fixed steps otherwise; futureTimes starts after the last row, null without a clock', () => {
    expect(timesAfter(1000, 10, 3)).toEqual([1010, 1020, 1030]);
    expect(futureTimes({ time: Float64Array.from([0, 60_000, 120_000]), intervalMs: null }, 2)).toEqual([180_000, 240_000]);
    expect(futureTimes({ time: null, intervalMs: null }, 2)).toEqual([null, null]);
  });
});
