import { describe, expect, it } from 'vitest';

import type { AlertLogEntry } from '../../../shared/alerts/alert-log';
import { parseRule } from '../../../shared/alerts/rules';
import type { SampleBatchWire } from '../../../shared/api/contract';
import { AlertMonitor, forecastAt, type OriginForecast } from '../../../renderer/src/session/alert-monitor';

const STEP = 100;

function batch(t0: number, temps: (number | null)[], gaps: number[] = []): SampleBatchWire {
  return { sourceId: 's1', channels: ['temp'], t: temps.map((_, i) => t0 + i * STEP), values: temps.map((v) => [v]), gaps, rejected: 0, dropped: 0 };
}

function monitor(rules: string[], forecast: () => OriginForecast | null = () => null) {
  const raised: AlertLogEntry[] = [];
  const m = new AlertMonitor({
    stepMs: () => STEP,
    forecast: () => {
      const f = forecast();
      return f ? { channel: 'temp', forecast: f } : null;
    },
    recent: () => [20, 20.1, 20, 20.1],
    onAlert: (e) => raised.push(e),
  });
  m.setRules(rules.map(parseRule));
  return { m, raised };
}

describe('forecastAt', () => {
  const f: OriginForecast = { t: 1000, mean: [1, 2, 3], lower: [0, 1, 2], upper: [2, 3, 4] };
  it('drops the steps already behind the sample, and is null before the origin or past the horizon', () => {
    expect(forecastAt(f, 1000, STEP)).toBe(f);
    expect(forecastAt(f, 1100, STEP)).toEqual({ mean: [2, 3], lower: [1, 2], upper: [3, 4] });
    expect(forecastAt(f, 1210, STEP)).toEqual({ mean: [3], lower: [2], upper: [4] });
    expect(forecastAt(f, 900, STEP)).toBeNull();
    expect(forecastAt(f, 1300, STEP)).toBeNull();
  });
});

describe('AlertMonitor', () => {
  it('a forecast crossing fires once, ahead of the crossing, into the log; the actual crossing after it does not fire again', () => {
    let forecast: OriginForecast | null = null;
    const { m, raised } = monitor(['temp > 30'], () => forecast);
    m.samples(batch(0, [20, 21, 22]));
    expect(raised).toHaveLength(0);
    // Made at the sample t = 200: steps at 300, 400, 500; the third crosses.
    forecast = { t: 200, mean: [25, 28, 31], lower: [24, 27, 30], upper: [26, 29, 32] };
    m.samples(batch(300, [25, 28]));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ rule: 'temp > 30', kind: 'threshold', time: 300, value: 25, forecastTime: 500, leadMs: 200, forecastValue: 31, acknowledged: false });
    m.samples(batch(500, [31, 32, 33]));
    expect(raised).toHaveLength(1);
    expect(m.log.unacknowledged()).toBe(1);
  });

  it('anomaly after N samples outside the band of the forecast then known; a gap starts the run again', () => {
    const forecast: OriginForecast = { t: 0, mean: Array(20).fill(20), lower: Array(20).fill(19), upper: Array(20).fill(21) };
    const { m, raised } = monitor(['temp anomaly 3'], () => forecast);
    m.samples(batch(0, [20, 25, 25]));
    m.samples(batch(300, [25], [0]));
    expect(raised).toHaveLength(0);
    m.samples(batch(400, [25, 25]));
    expect(raised).toHaveLength(0);
    m.samples(batch(600, [25]));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'anomaly', time: 600, value: 25, band: [19, 21] });
  });

  it('silence fires on the clock without any sample, and new rules or a new source start afresh', () => {
    const { m, raised } = monitor(['temp silent 2s']);
    m.tick(10_000);
    m.tick(11_000);
    expect(raised).toHaveLength(0);
    m.tick(12_000);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'silence', silentMs: 2000 });
    m.tick(20_000);
    expect(raised).toHaveLength(1);
    m.reset();
    m.tick(30_000);
    m.tick(32_500);
    expect(raised).toHaveLength(2);
  });

  it('rules of a channel that is not forecast fire when the value crosses; no rules, no work', () => {
    const { m, raised } = monitor(['hum < 10']);
    const b: SampleBatchWire = { ...batch(0, [20, 20]), channels: ['temp', 'hum'], values: [[20, 12], [20, 9]] };
    m.samples(b);
    expect(raised.map((e) => [e.rule, e.leadMs, e.value])).toEqual([['hum < 10', 0, 9]]);
    m.setRules([]);
    m.samples(b);
    expect(raised).toHaveLength(1);
  });
});
