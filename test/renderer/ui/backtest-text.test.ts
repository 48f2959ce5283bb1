// What the backtest dialog says (renderer/src/ui/backtest-text.ts): the span, the pick and why,
// one origin's time and its error.
import { describe, expect, it } from 'vitest';

import type { ModelInfo } from '../../../shared/model/types';
import { describeSpan, originMae, originText } from '../../../renderer/src/ui/backtest-text';
import type { BacktestView } from '../../../renderer/src/worker/messages';

const H = 2;
function view(time: Float64Array | null, stride = 1): BacktestView {
  // Rows 6..11 charted; the test span is rows 8..11, origins 8, 9, 10.
  const actual = Float64Array.from([1, 2, 3, 4, 10, 20, 30, Number.NaN]);
  return {
    target: 'temp',
    rows: 12,
    horizon: H,
    testFrom: 8,
    testTo: 12,
    stride,
    info: { intervalMs: 30 * 86_400_000, period: 12 } as ModelInfo,
    table: { rows: [], pick: 'linear', pickReason: 'linear: lstm is less than 5% better on validation', level: 0.9, period: 12, verdict: 'x' },
    trainSeconds: 1,
    forecastSeconds: 0.1,
    origins: [8, 9, 10],
    forecasts: { linear: { mean: Float32Array.from([11, 22, 19, 28, 30, 99]), lower: new Float32Array(6), upper: new Float32Array(6) } },
    chartFrom: 4,
    actual,
    time,
  };
}

describe('backtest text', () => {
  it('describes the span, the stride, the pick without repeating its name, and the columns', () => {
    const text = describeSpan(view(null, 3));
    expect(text).toBe(
      'One model trained on rows 1–8, then forecast from 3 origins in rows 9–12 (row 9 on), every 3 rows, each reading only the rows before it. ' +
        'The engine picked linear on its validation windows (lstm is less than 5% better on validation). ' +
        "MASE: error relative to seasonal naive's error (lag 12) on the training rows (below 1 beats it). Coverage: share of actual values inside the 90 % interval.",
    );
  });

  it("names an origin by its time and row, and scores its forecast, skipping steps with no actual value", () => {
    // Mid-month times: the month is the same in every time zone.
    const time = Float64Array.from({ length: 8 }, (_, i) => Date.UTC(1935, 8 + i, 15));
    expect(originText(view(time), 0)).toBe('Origin 1 of 3: Jan 1936 (row 9)');
    expect(originText(view(null), 2)).toBe('Origin 3 of 3: row 11');
    // Origin 8: actual 10, 20 vs 11, 22 -> MAE 1.5; origin 10: actual 30, missing vs 30 -> 0.
    expect(originMae(view(null), 0, 'linear')).toBe('1.5');
    expect(originMae(view(null), 2, 'linear')).toBe('0');
    expect(originMae(view(null), 0, 'lstm')).toBe('–');
  });
});
