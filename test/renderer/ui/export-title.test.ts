import { describe, expect, it } from 'vitest';

import { pngTitle, spanText } from '../../../renderer/src/ui/export-title';

// The page tests' Chromium and this runner share the machine's zone; build local times so the
// expected text holds in any zone.
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m, d, h, min).getTime();

describe('the PNG title (issue 13 item 5)', () => {
  it('says channel, unit, source, span, model and skill', () => {
    const t = pngTitle({
      channel: 'Temperatur',
      unit: '°C',
      source: 'hourly-de.csv',
      range: { min: local(2024, 2, 1), max: local(2024, 2, 4, 23) },
      time: true,
      intervalMs: 3_600_000,
      model: { method: 'linear', horizon: 24 },
      skill: { value: '0.77×', label: '23% less error than seasonal naive' },
    });
    expect(t.heading).toBe('Temperatur (°C) · hourly-de.csv');
    expect(t.details).toBe('1 Mar 2024 00:00 – 4 Mar 2024 23:00 · model: linear, 24 steps ahead · skill 0.77× (23% less error than seasonal naive)');
  });

  it('says when there is no model or no score yet, and spans as precise as the data', () => {
    const base = { channel: 'v', source: null, time: true, skill: null } as const;
    expect(pngTitle({ ...base, range: null, intervalMs: null, model: null })).toEqual({ heading: 'v', details: 'no model' });
    expect(pngTitle({ ...base, range: null, intervalMs: null, model: { method: 'lstm', horizon: 1 } }).details).toBe('model: lstm, 1 step ahead · skill: not scored yet');
    expect(spanText({ min: local(1949, 0, 1), max: local(1960, 11, 1) }, true, 31 * 86_400_000)).toBe('Jan 1949 – Dec 1960');
    expect(spanText({ min: local(2024, 0, 1, 12, 0), max: local(2024, 0, 1, 12, 5) }, true, 1000)).toBe('1 Jan 2024 12:00:00 – 1 Jan 2024 12:05:00');
    expect(spanText({ min: 0, max: 1499.6 }, false, null)).toBe('rows 0 – 1,500');
    expect(spanText({ min: Number.NaN, max: 1 }, true, null)).toBeNull();
  });
});
