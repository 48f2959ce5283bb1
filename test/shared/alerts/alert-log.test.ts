import { describe, expect, it } from 'vitest';

import { AlertLog } from '../../../shared/alerts/alert-log';
import type { AlertEvent } from '../../../shared/alerts/evaluator';

const event = (time: number): AlertEvent => ({ rule: 'temp > 30', kind: 'threshold', channel: 'temp', time, value: 29, leadMs: 5000, forecastTime: time + 5000 });

describe('AlertLog', () => {
  it('keeps the alerts in order, each acknowledgeable', () => {
    const log = new AlertLog();
    const a = log.add(event(1));
    const b = log.add(event(2));
    expect(log.entries().map((e) => [e.id, e.time, e.acknowledged])).toEqual([
      [a.id, 1, false],
      [b.id, 2, false],
    ]);
    expect(log.unacknowledged()).toBe(2);
    expect(log.acknowledge(a.id)).toBe(true);
    expect(log.acknowledge(999)).toBe(false);
    expect(log.unacknowledged()).toBe(1);
    expect(log.acknowledgeAll()).toBe(1);
    expect(log.unacknowledged()).toBe(0);
  });

  it('is bounded: past its capacity it drops the oldest acknowledged entry, else the oldest', () => {
    const log = new AlertLog({ capacity: 3 });
    const first = log.add(event(1));
    log.add(event(2));
    const third = log.add(event(3));
    log.acknowledge(third.id);
    log.add(event(4));
    expect(log.entries().map((e) => e.time)).toEqual([1, 2, 4]);
    for (let t = 5; t < 1000; t++) log.add(event(t));
    expect(log.entries().map((e) => e.time)).toEqual([997, 998, 999]);
    expect(log.dropped).toBe(996);
    expect(log.acknowledge(first.id)).toBe(false);
    expect(() => new AlertLog({ capacity: 0 })).toThrow(RangeError);
  });
});
