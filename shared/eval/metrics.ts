// Scoring stage: MAE, RMSE, sMAPE and MASE exactly as ../shared/data/README.md defines them.
// Called by backtest.ts and the tests.

export interface Metrics {
  mae: number;
  rmse: number;
  /** mean(200 |y - f| / (|y| + |f|)), in percent. */
  smape: number;
  /** MAE divided by the in-sample seasonal-naive MAE (lag m) of the training part. */
  mase: number;
}

/** In-sample mean absolute lag-m difference over the whole training part (missing pairs skipped). */
export function maseScale(train: ArrayLike<number>, period: number): number {
  const m = Math.max(1, period);
  let sum = 0;
  let n = 0;
  for (let i = m; i < train.length; i++) {
    const d = train[i] - train[i - m];
    if (!Number.isNaN(d)) {
      sum += Math.abs(d);
      n++;
    }
  }
  return n ? sum / n : NaN;
}

/** Metrics of `forecast` against `actual`; missing actual values are skipped. */
export function score(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): Metrics {
  let abs = 0;
  let sq = 0;
  let sm = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    const f = forecast[i];
    if (Number.isNaN(y)) continue;
    const e = Math.abs(y - f);
    abs += e;
    sq += e * e;
    const d = Math.abs(y) + Math.abs(f);
    sm += d > 0 ? (200 * e) / d : 0;
    n++;
  }
  if (!n) return { mae: NaN, rmse: NaN, smape: NaN, mase: NaN };
  const mae = abs / n;
  return { mae, rmse: Math.sqrt(sq / n), smape: sm / n, mase: mae / scale };
}

/** Average of each metric over a list (NaN when empty). */
export function meanMetrics(list: Metrics[]): Metrics {
  const avg = (k: keyof Metrics): number => (list.length ? list.reduce((s, m) => s + m[k], 0) / list.length : NaN);
  return { mae: avg('mae'), rmse: avg('rmse'), smape: avg('smape'), mase: avg('mase') };
}
