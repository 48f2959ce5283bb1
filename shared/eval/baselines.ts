// Baselines: naive (last value) and seasonal naive (the value one season earlier), H steps ahead;
// the one definition of both. Called by backtest.ts (on raw training parts, gaps filled) and the
// engine (shared/model/predict.ts, in model space, through `baselineForecast`). The page's live
// skill (live-skill.ts) scores the same naive forecast: the origin's value at every step.
import { fillGaps } from '../series/clean';

/** The training part with every gap filled (interpolated inside, nearest value at the ends). */
function complete(train: ArrayLike<number>): Float64Array {
  const out = fillGaps(train, Infinity);
  const first = out.findIndex((v) => !Number.isNaN(v));
  for (let i = 0; i < first; i++) out[i] = out[first];
  for (let i = Math.max(first, 0) + 1; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = out[i - 1];
  return out;
}

/** y[end - m + ((h - 1) mod m)] for h = 1..H from the origin `end` (m = 1 for naive); `y` without gaps before `end`. */
export function baselineForecast(method: 'seasonal-naive' | 'naive', period: number, horizon: number, y: ArrayLike<number>, end: number): number[] {
  const m = method === 'naive' ? 1 : Math.max(1, Math.min(period, end));
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) out.push(y[end - m + (h % m)]);
  return out;
}

/** Last observed value, repeated H times. */
export function naiveForecast(train: ArrayLike<number>, horizon: number): number[] {
  const y = complete(train);
  return baselineForecast('naive', 1, horizon, y, y.length);
}

/** y[n - m + ((h - 1) mod m)] for h = 1..H (naive when m = 1). */
export function seasonalNaiveForecast(train: ArrayLike<number>, horizon: number, period: number): number[] {
  const y = complete(train);
  return baselineForecast('seasonal-naive', period, horizon, y, y.length);
}
