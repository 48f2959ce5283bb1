// The test-span backtest's table (shared/eval/test-span-table.ts): rows, pick, best and verdict,
// and the text the CLI prints.
import { describe, expect, it } from 'vitest';

import type { TestSpanResult } from '../../../shared/eval/test-span';
import { formatSpanTable, testSpanTable } from '../../../shared/eval/test-span-table';
import type { ModelInfo } from '../../../shared/model/types';

function result(metrics: TestSpanResult['metrics'], method: ModelInfo['method']): TestSpanResult {
  const info = { method, methods: Object.keys(metrics), pickReason: `${method}: val MAE 1.2 vs linear 1.5`, level: 0.9, period: 12 } as unknown as ModelInfo;
  return { target: 'temp', rows: 240, horizon: 12, testFrom: 192, testTo: 240, stride: 1, origins: 37, info, metrics, trainSeconds: 1, forecastSeconds: 0.1 };
}

const m = (mae: number, mase: number, coverage: number) => ({ mae, rmse: mae * 1.3, mase, coverage, points: 444 });

describe('testSpanTable', () => {
  it('lists every method in the model order, marks the pick and the lowest MASE, and says how the pick did', () => {
    const t = testSpanTable(result({ lstm: m(2.1, 0.71, 0.88), linear: m(1.9, 0.64, 0.91), 'seasonal-naive': m(2.6, 0.88, 0.93), naive: m(5, 1.7, 0.9) }, 'lstm'));
    expect(t.rows.map((r) => r.method)).toEqual(['lstm', 'linear', 'seasonal-naive', 'naive']);
    expect(t.rows.filter((r) => r.pick).map((r) => r.method)).toEqual(['lstm']);
    expect(t.rows.filter((r) => r.best).map((r) => r.method)).toEqual(['linear']);
    expect(t.verdict).toBe('the pick (lstm) scored MASE 0.710 on the test span; linear did better with 0.640; seasonal naive 0.880');
    expect(t.pickReason).toContain('val MAE');
  });

  it('says so when the pick is best, and skips unscored methods when choosing the best', () => {
    const t = testSpanTable(result({ linear: m(1.9, 0.64, 0.91), naive: { mae: NaN, rmse: NaN, mase: NaN, coverage: NaN, points: 0 } }, 'linear'));
    expect(t.rows.find((r) => r.best)?.method).toBe('linear');
    expect(t.verdict).toBe('the pick (linear) scored best on the test span: MASE 0.640');
  });

  it('prints the CLI table: one row per method, the pick marked, coverage in percent, the notes', () => {
    const lines = formatSpanTable(testSpanTable(result({ linear: m(1.9, 0.64, 0.91), 'seasonal-naive': m(2.6, 0.88, 0.93) }, 'linear')));
    expect(lines[0]).toMatch(/^method\s+MAE\s+RMSE\s+MASE\s+coverage$/);
    expect(lines[1]).toMatch(/^linear \(pick\)\s+1\.9000\s+2\.4700\s+0\.640\s+91\.0%$/);
    expect(lines[2]).toMatch(/^seasonal-naive\s+2\.6000\s+3\.3800\s+0\.880\s+93\.0%$/);
    expect(lines).toContain("coverage: share of actual values inside the 90% interval; MASE scaled by the training rows' seasonal-naive error (lag 12)");
    expect(lines.at(-1)).toMatch(/^verdict: the pick \(linear\) scored best/);
  });
});
