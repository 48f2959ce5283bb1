import { describe, expect, it } from 'vitest';

import { EVALUATE_CSV_HEADER, evaluateRowsCsv, formatForecastCsv, forecastStepsCsv, timeFormatter } from '../../../main/files/forecast-csv';

describe('forecast CSVs, all through the one formula-safe writer', () => {
  it("the app's export: ISO times, numbers as written, missing values empty (never 0)", () => {
    const t = Date.UTC(2024, 0, 1);
    expect(formatForecastCsv('=cmd()', [[t, 1.5, 2, 1, 3, null, -0.5], [Number.NaN, null, Number.NaN, 0, 0, 1, null]])).toBe(
      't,actual,forecast,lower,upper,baseline,residual\n2024-01-01T00:00:00.000Z,1.5,2,1,3,,-0.5\n,,,0,0,1,\n',
    );
  });

  it('`sensorcast forecast`: step,t,forecast,lower,upper with 7 significant digits', () => {
    const monthly = { time: Float64Array.from([Date.UTC(1960, 11, 1)]), channels: [], intervalMs: null };
    expect(forecastStepsCsv(monthly, [Date.UTC(1961, 0, 1), null], { mean: [1.23456789, -2], lower: [1, Number.NaN], upper: [2, 3] })).toBe('step,t,forecast,lower,upper\n1,1961-01-01,1.234568,1,2\n2,,-2,,3\n');
  });

  it('`evaluate --out`: one line per step of an origin', () => {
    expect(EVALUATE_CSV_HEADER).toBe('origin,step,t,actual,forecast,lower,upper,method');
    expect(evaluateRowsCsv(7, 'seasonal-naive', ['a', 'b'], [1, Number.NaN], { mean: [1, 2], lower: [0, 1], upper: [2, 3] })).toBe('7,1,a,1,1,0,2,seasonal-naive\n7,2,b,,2,1,3,seasonal-naive\n');
  });

  it('CLI times are dates when every time is midnight UTC', () => {
    const daily = { time: Float64Array.from([0, 86_400_000]), channels: [], intervalMs: 86_400_000 };
    expect(timeFormatter(daily)(86_400_000 * 2)).toBe('1970-01-03');
    expect(timeFormatter({ ...daily, time: Float64Array.from([0, 1000]) })(2000)).toBe('1970-01-01T00:00:02.000Z');
    expect(timeFormatter({ ...daily, time: null })(null)).toBe('');
  });
});
