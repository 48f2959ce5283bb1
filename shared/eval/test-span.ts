// Scoring stage: the analyst's backtest with a model trained once. The engine trains on the rows
// before `testFrom` (with its own validation split inside them), then forecasts from every origin
// of the test span (every `stride` rows), reading only the rows before each origin, with every
// method the model offers. Metrics per method: MAE, RMSE, MASE (scaled by the training part's
// in-sample seasonal-naive error) and interval coverage. Forecasting an origin costs
// milliseconds, not a retraining. Called by the CLI's `evaluate --test-from` and the benchmarks.
import { rowCount, selectChannels, sliceTable } from '../series/clean';
import { historyRows } from '../series/encode';
import { EngineError } from '../errors';
import { trainForecaster } from '../model/train';
import type { CancelSignal, ForecastMethod, ForecastResult, ModelInfo, TrainOptions, TrainProgress } from '../model/types';
import type { SeriesTable } from '../table';

import { maseScale } from './metrics';

export interface TestSpanOptions {
  horizon: number;
  /** First row of the test span (0-based over the data rows); training uses the rows before it. */
  testFrom: number;
  /** End of the test span (exclusive); the last origin is testTo - H. Default: the end of the data. */
  testTo?: number;
  /** Rows between origins. Default: 1. */
  stride?: number;
  covariates?: string[];
  /** Engine options (the horizon comes from above). */
  train?: Omit<TrainOptions, 'horizon'>;
  onProgress?: (p: TrainProgress) => void;
  signal?: CancelSignal;
  /** Every forecast, origin by origin (for writing them out). */
  onForecast?: (origin: number, method: ForecastMethod, result: ForecastResult) => void;
}

export interface SpanMetrics {
  mae: number;
  rmse: number;
  mase: number;
  /** Share of actual values inside the interval. */
  coverage: number;
  /** Scored (origin, step) pairs. */
  points: number;
}

export interface TestSpanResult {
  target: string;
  rows: number;
  horizon: number;
  testFrom: number;
  testTo: number;
  stride: number;
  origins: number;
  info: ModelInfo;
  /** Per method the model offers. */
  metrics: Partial<Record<ForecastMethod, SpanMetrics>>;
  /** Seconds spent training and forecasting. */
  trainSeconds: number;
  forecastSeconds: number;
}

/** Origins per forecastFrom call (bounds memory on long test spans). */
const CHUNK = 256;

export async function evaluateTestSpan(table: SeriesTable, target: string, options: TestSpanOptions): Promise<TestSpanResult> {
  const H = options.horizon;
  const n = rowCount(table);
  const stride = options.stride ?? 1;
  const testTo = options.testTo ?? n;
  const { testFrom } = options;
  if (!Number.isInteger(H) || H < 1) throw new EngineError('BAD_HORIZON', `the horizon must be a whole number of steps >= 1, got ${String(H)}`, 'pass e.g. {horizon} 24');
  if (!Number.isInteger(stride) || stride < 1) throw new EngineError('BAD_OPTION', `{stride} must be a whole number >= 1, got ${stride}`);
  if (!Number.isInteger(testFrom) || testFrom < 2 || testFrom >= n) {
    throw new EngineError('BAD_OPTION', `{test-from} must be a row between 2 and ${n - 1} (the data has ${n} rows), got ${testFrom}`, 'pass a row index or a time inside the data');
  }
  if (!Number.isInteger(testTo) || testTo <= testFrom || testTo > n) {
    throw new EngineError('BAD_OPTION', `{test-to} must be a row after {test-from} (${testFrom}) and at most ${n}, got ${testTo}`);
  }
  if (testFrom + H > testTo) {
    throw new EngineError('BAD_HORIZON', `the test span (rows ${testFrom} to ${testTo}) is shorter than the horizon (${H})`, `use {horizon} ${testTo - testFrom} or less, or a longer test span`);
  }
  const [ch] = selectChannels(table, target, options.covariates ?? []);
  const started = Date.now();
  const trainPart = sliceTable(table, 0, testFrom);
  const model = await trainForecaster({ table: trainPart, target, covariates: options.covariates }, { ...options.train, horizon: H }, { onProgress: options.onProgress, signal: options.signal });
  try {
    const trainSeconds = (Date.now() - started) / 1000;
    const info = model.info;
    const need = historyRows({ context: info.context, window: info.window, period: info.period });
    const origins: number[] = [];
    for (let o = Math.max(testFrom, need); o + H <= testTo; o += stride) origins.push(o);
    if (!origins.length) throw new EngineError('SERIES_TOO_SHORT', `no origin in the test span has the ${need} rows of history the model reads`, 'start the test span later');
    const scale = maseScale(ch.values.subarray(0, testFrom), info.period);
    const acc = Object.fromEntries(info.methods.map((m) => [m, { abs: 0, sq: 0, inside: 0, n: 0 }]));
    const t0 = Date.now();
    for (let start = 0; start < origins.length; start += CHUNK) {
      if (options.signal?.aborted) throw new EngineError('CANCELLED', 'the backtest was cancelled');
      const chunk = origins.slice(start, start + CHUNK);
      const out = await model.forecastFrom(table, chunk);
      for (const method of info.methods) {
        const list = out[method]!;
        const a = acc[method];
        chunk.forEach((o, i) => {
          const r = list[i];
          options.onForecast?.(o, method, r);
          for (let h = 0; h < H; h++) {
            const y = ch.values[o + h];
            if (Number.isNaN(y)) continue;
            const e = y - r.mean[h];
            a.abs += Math.abs(e);
            a.sq += e * e;
            if (y >= r.lower[h] && y <= r.upper[h]) a.inside++;
            a.n++;
          }
        });
      }
    }
    const metrics: TestSpanResult['metrics'] = {};
    for (const m of info.methods) {
      const a = acc[m];
      const mae = a.n ? a.abs / a.n : NaN;
      metrics[m] = { mae, rmse: a.n ? Math.sqrt(a.sq / a.n) : NaN, mase: mae / scale, coverage: a.n ? a.inside / a.n : NaN, points: a.n };
    }
    return { target, rows: n, horizon: H, testFrom, testTo, stride, origins: origins.length, info, metrics, trainSeconds, forecastSeconds: (Date.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}
