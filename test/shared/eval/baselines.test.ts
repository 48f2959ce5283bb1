// Scoring protocol: the baselines' mean MASE over the rolling origins must match the reference
// table in ../shared/data/README.md (R's forecast package on the same protocol).
import { describe, expect, it } from 'vitest';

import { backtest } from '../../../shared/eval/backtest';
import { baselineForecast, naiveForecast, seasonalNaiveForecast } from '../../../shared/eval/baselines';
import { maseScale, score } from '../../../shared/eval/metrics';
import { loadFixture } from '../model/helpers';

const REFERENCE: [string, number, number, number, number][] = [
  // series, m, H, naive, snaive
  ['nottem', 12, 12, 3.805, 0.872],
  ['AirPassengers', 12, 12, 2.302, 1.334],
  ['beaver1', 1, 10, 2.272, 2.272],
  ['WWWusage', 1, 10, 6.189, 6.189],
  ['elnino', 12, 12, 1.859, 1.004],
  ['sunspot.month', 12, 12, 0.471, 0.73],
];

describe('baselines and metrics', () => {
  it('naive repeats the last value; seasonal naive the last season', () => {
    expect(naiveForecast([1, 2, NaN], 2)).toEqual([2, 2]);
    expect(seasonalNaiveForecast([1, 2, 3, 4, 5, 6], 4, 3)).toEqual([4, 5, 6, 4]);
  });

  it('the engine forecasts the same baselines from any origin (one definition)', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(baselineForecast('seasonal-naive', 3, 4, y, 6)).toEqual(seasonalNaiveForecast(y.slice(0, 6), 4, 3));
    expect(baselineForecast('naive', 3, 2, y, 5)).toEqual(naiveForecast(y.slice(0, 5), 2));
  });

  it('scores MAE, RMSE, sMAPE and MASE as the protocol defines them', () => {
    const s = score([1, 3], [2, 1], maseScale([0, 2, 4], 1));
    expect(s.mae).toBeCloseTo(1.5);
    expect(s.rmse).toBeCloseTo(Math.sqrt(2.5));
    expect(s.smape).toBeCloseTo((200 / 3 + 200 * 2 / 4) / 2);
    expect(s.mase).toBeCloseTo(0.75);
  });

  it.each(REFERENCE)('%s: naive and seasonal-naive MASE match the reference table', async (name, m, H, naive, snaive) => {
    const t = loadFixture(name);
    const r = await backtest(t, 'value', { horizon: H, period: m, baselinesOnly: true });
    expect(r.origins).toHaveLength(5);
    expect(r.mean.naive!.mase).toBeCloseTo(naive, 2);
    expect(r.mean['seasonal-naive']!.mase).toBeCloseTo(snaive, 2);
  });
});
