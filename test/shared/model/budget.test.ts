// The time budget (shared/model/budget.ts) and how training uses it (train.ts): the speed is
// corrected by phases big enough to time, and a budget already spent skips the optional work
// (the LSTM, the final refit) instead of overshooting. The clock is mocked: no timed assertions.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { train } from '../../../shared/model';
import { Budget, work } from '../../../shared/model/budget';

import { backendReady, synthetic } from './helpers';

describe('time budget', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('estimates at the nominal speed until a big phase ran slower, then at the speed of the latest big phase', () => {
    let t = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => t);
    const budget = new Budget(1_000, 20_000);
    const nominal = budget.estimate(1e9);
    expect(nominal).toBeGreaterThan(0);
    // A small phase that took long says nothing about the machine (fixed costs): the speed stands.
    t += 300;
    budget.phase('small', 1e5);
    expect(budget.estimate(1e9)).toBe(nominal);
    // A big phase 4 times slower than nominal: later estimates are 4 times longer.
    t += 4 * nominal;
    budget.phase('linear', 1e9);
    expect(budget.estimate(1e9)).toBeCloseTo(4 * nominal, 6);
    // The load drops: the next big phase runs at twice the nominal speed, and so do the estimates.
    t += nominal / 2;
    budget.phase('linear', 1e9);
    expect(budget.estimate(1e9)).toBeCloseTo(nominal / 2, 6);
    // How many items fit in the time left; none when it is spent.
    expect(budget.fit(budget.estimate(1e6) * 10, 1e6)).toBe(10);
    expect(budget.left()).toBe(20_000 - 300 - 4.5 * nominal);
    t += 60_000;
    expect(budget.fit(budget.left(), 1e6)).toBe(0);
    expect(budget.seconds()).toEqual({ small: 0.3, linear: Math.round((4.5 * nominal) / 10) / 100 });
  });

  it('counts the work of each phase from its sizes', () => {
    // ETTh1 at H = 336: 2,000 windows of a 384-input context cost more than a second at 2 ns.
    expect(work.linearFit(2000, 600, 384, 336)).toBeGreaterThan(5e8);
    expect(work.netWindow(48, 2, 32, 336)).toBe(48 * 4 * 32 * 34 + 32 * 336);
    expect(work.scoring(200, 24, 12, 1000, 24, 2)).toBeGreaterThan(work.scoring(100, 24, 12, 1000, 24, 2));
  });
});

describe('training within a spent budget', () => {
  beforeAll(async () => {
    expect(await backendReady).toBe('wasm');
  });

  it('skips the LSTM, says why, and still forecasts; the training time and its phases are reported', async () => {
    const table = synthetic(600, 12, 14);
    // 1 ms: spent before the LSTM could start, whatever the machine.
    const model = await train({ table, target: 'y' }, { horizon: 6, budgetMs: 1, seed: 1 });
    try {
      expect(model.info.methods).not.toContain('lstm');
      expect(model.info.pickReason).toMatch(/no time left for the LSTM in the 0.001 s budget/);
      expect(model.forecast(table).mean.every(Number.isFinite)).toBe(true);
      expect(model.info.trainingSeconds).toBeGreaterThan(0);
      expect(Object.keys(model.info.phaseSeconds ?? {})).toEqual(expect.arrayContaining(['prepare', 'linear', 'pick']));
      // The refit of the linear map is optional: skipped when the time is spent.
      expect(model.info.phaseSeconds).not.toHaveProperty('refit');
    } finally {
      model.dispose();
    }
  });

  it('with time to spare the same series trains the LSTM', async () => {
    const model = await train({ table: synthetic(600, 12, 14), target: 'y' }, { horizon: 6, epochs: 3, seed: 1 });
    try {
      expect(model.info.methods).toContain('lstm');
      expect(model.info.phaseSeconds).toHaveProperty('lstm');
    } finally {
      model.dispose();
    }
  });
});
