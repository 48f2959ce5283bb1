// The page backtest's test span and stride (renderer/src/worker/backtest-plan.ts).
import { describe, expect, it } from 'vitest';

import { MAX_ORIGINS, planBacktest } from '../../../renderer/src/worker/backtest-plan';

describe('planBacktest', () => {
  it('tests the last 20 % of the rows, from every origin, when that holds two seasons and a horizon', () => {
    // nottem: 240 monthly rows, a 12-month season, 12 steps ahead: 48 test rows, 37 origins.
    expect(planBacktest(240, 12, 12)).toEqual({ testFrom: 192, stride: 1, origins: 37 });
  });

  it('takes two seasons and a horizon where 20 % is shorter, at most 40 % of the rows', () => {
    // AirPassengers: 144 rows; 20 % is 29 rows, two years and a horizon 36.
    expect(planBacktest(144, 12, 12)).toEqual({ testFrom: 108, stride: 1, origins: 25 });
    // A long season on short data: capped at 40 % so the model keeps most rows to learn from.
    expect(planBacktest(100, 5, 40).testFrom).toBe(60);
  });

  it('strides through a long test span so it has at most MAX_ORIGINS origins', () => {
    const plan = planBacktest(100_000, 60, 1);
    expect(plan.testFrom).toBe(80_000);
    expect(plan.stride).toBe(Math.ceil((20_000 - 60 + 1) / MAX_ORIGINS));
    expect(plan.origins).toBeLessThanOrEqual(MAX_ORIGINS);
    expect(plan.origins).toBeGreaterThan(MAX_ORIGINS - 2);
  });
});
