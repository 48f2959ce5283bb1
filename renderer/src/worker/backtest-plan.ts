// The page's backtest, planned before the worker trains: which rows form the test span (the last
// 20 % of the rows, or two seasons plus a horizon where that is longer, never more than 40 %) and
// the stride between origins (so at most MAX_ORIGINS origins: forecasting them takes seconds, not
// minutes). Pure; called by backtest-job.ts and its test.

/** Most origins a page backtest forecasts from. */
export const MAX_ORIGINS = 200;

export interface BacktestPlan {
  /** First row of the test span; the model trains on the rows before it. */
  testFrom: number;
  /** Rows between origins. */
  stride: number;
  /** Origins the span allows at that stride (before the model's own history need is applied). */
  origins: number;
}

/**
 * @param rows Rows of the table.
 * @param horizon Steps forecast from each origin.
 * @param period The data's primary season in rows (1 without one).
 */
export function planBacktest(rows: number, horizon: number, period: number): BacktestPlan {
  const share = Math.ceil(0.2 * rows);
  const seasons = period > 1 ? 2 * period + horizon : 0;
  const span = Math.min(Math.max(share, seasons, horizon + 1), Math.floor(0.4 * rows));
  const possible = span - horizon + 1;
  const stride = Math.max(1, Math.ceil(possible / MAX_ORIGINS));
  return { testFrom: rows - span, stride, origins: Math.max(0, Math.ceil(possible / stride)) };
}
