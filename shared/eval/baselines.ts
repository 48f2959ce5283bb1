// Baselines: naive (last value) and seasonal naive (the value one season earlier), H steps ahead.
// Called by backtest.ts; the engine has its own model-space copies in shared/series/encode.ts.
import { fillGaps } from '../series/clean';

/** The training part with every gap filled (interpolated inside, nearest value at the ends). */
function complete(train: ArrayLike<number>): Float64Array {
  const out = fillGaps(train, Infinity);
  const first = out.findIndex((v) => !Number.isNaN(v));
  for (let i = 0; i < first; i++) out[i] = out[first];
  for (let i = Math.max(first, 0) + 1; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = out[i - 1];
  return out;
}

/** Last observed value, repeated H times. */
export function naiveForecast(train: ArrayLike<number>, horizon: number): number[] {
  const y = complete(train);
  return Array.from({ length: horizon }, () => y[y.length - 1]);
}

/** y[n - m + ((h - 1) mod m)] for h = 1..H (naive when m = 1). */
export function seasonalNaiveForecast(train: ArrayLike<number>, horizon: number, period: number): number[] {
  const y = complete(train);
  const m = Math.max(1, Math.min(period, y.length));
  const n = y.length;
  return Array.from({ length: horizon }, (_, i) => y[n - m + (i % m)]);
}
