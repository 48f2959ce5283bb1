// The page's backtest, run in the forecasting worker: plans the test span (backtest-plan.ts),
// trains one model on the rows before it and forecasts from every origin in it through the
// engine's test-span backtest (shared/eval/test-span.ts), then posts the table
// (shared/eval/test-span-table.ts) and every origin's forecasts for the page's chart. Honours a
// cancel between training steps (the engine's TimeSlicer) and between forecast chunks.
// Called by forecast-worker.ts for the `backtest` message.
import { evaluateTestSpan } from '../../../shared/eval/test-span';
import { testSpanTable } from '../../../shared/eval/test-span-table';
import { detectPeriod, EngineError, type CancelSignal, type ForecastMethod, type ForecastResult, type TrainOptions } from '../../../shared/model';
import { findChannel } from '../../../shared/table';

import { planBacktest } from './backtest-plan';
import type { BacktestForecasts, BacktestRequest, BacktestView, FromWorker } from './messages';

/** Share of the progress bar for training; forecasting the origins fills the rest. */
const TRAIN_SHARE = 0.9;
/** Fewest ms between two progress messages. */
const PROGRESS_MS = 100;

/** `trainer`: the LSTM trainer the user's backend choice asks for (backend.ts trainerFor). */
export async function runBacktest(req: BacktestRequest, signal: CancelSignal, post: (msg: FromWorker, transfer?: Transferable[]) => void, trainer: TrainOptions['trainer'] = 'auto'): Promise<void> {
  const { table, target, horizon } = req;
  const channel = findChannel(table, target);
  if (!channel) throw new EngineError('UNKNOWN_COLUMN', `the data has no channel "${target}"`, 'pick a target channel');
  const rows = channel.values.length;
  const season = detectPeriod(channel.values, table.time, table.intervalMs);
  const plan = planBacktest(rows, horizon, season.period);
  let last = 0;
  const progress = (fraction: number, text: string, force = false): void => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    post({ type: 'backtest-progress', fraction, text });
  };
  const started = performance.now();
  progress(0, `Training on rows 1–${plan.testFrom.toLocaleString('en-US')}…`, true);
  const collected = new Map<ForecastMethod, Map<number, ForecastResult>>();
  let forecastOrigins = 0;
  const result = await evaluateTestSpan(table, target, {
    horizon,
    testFrom: plan.testFrom,
    stride: plan.stride,
    covariates: req.covariates,
    train: { epochs: req.epochs, budgetMs: req.budgetMs, trainer },
    signal,
    // Early stopping and the time budget end training sooner than its most epochs: the bar follows the engine's estimate of the time left.
    onProgress: (p) => {
      const spent = (performance.now() - started) / 1000;
      const left = Number.isFinite(p.etaSeconds) ? p.etaSeconds : spent * (p.epochs / p.epoch - 1);
      progress((TRAIN_SHARE * spent) / (spent + Math.max(0, left)), `Training: epoch ${p.epoch} of at most ${p.epochs}`);
    },
    onForecast: (origin, method, r) => {
      let byOrigin = collected.get(method);
      if (!byOrigin) collected.set(method, (byOrigin = new Map()));
      byOrigin.set(origin, r);
      if (byOrigin.size > forecastOrigins) {
        forecastOrigins = byOrigin.size;
        progress(TRAIN_SHARE + ((1 - TRAIN_SHARE) * forecastOrigins) / plan.origins, `Forecasting from origin ${forecastOrigins} of ${plan.origins}`);
      }
    },
  });
  if (signal.aborted) throw new EngineError('CANCELLED', 'the backtest was cancelled');
  const origins = [...(collected.get(result.info.method)?.keys() ?? [])].sort((a, b) => a - b);
  const forecasts: Partial<Record<ForecastMethod, BacktestForecasts>> = {};
  const transfer: Transferable[] = [];
  for (const [method, byOrigin] of collected) {
    const f: BacktestForecasts = { mean: new Float32Array(origins.length * horizon), lower: new Float32Array(origins.length * horizon), upper: new Float32Array(origins.length * horizon) };
    origins.forEach((o, i) => {
      const r = byOrigin.get(o);
      if (!r) return;
      f.mean.set(r.mean, i * horizon);
      f.lower.set(r.lower, i * horizon);
      f.upper.set(r.upper, i * horizon);
    });
    forecasts[method] = f;
    transfer.push(f.mean.buffer, f.lower.buffer, f.upper.buffer);
  }
  // The chart shows a few horizons (or two seasons) of history before the first origin.
  const chartFrom = Math.max(0, plan.testFrom - Math.max(3 * horizon, 2 * result.info.period));
  const view: BacktestView = {
    target,
    rows,
    horizon,
    testFrom: result.testFrom,
    testTo: result.testTo,
    stride: result.stride,
    info: result.info,
    table: testSpanTable(result),
    trainSeconds: result.trainSeconds,
    forecastSeconds: result.forecastSeconds,
    origins,
    forecasts,
    chartFrom,
    actual: channel.values.slice(chartFrom, result.testTo),
    time: table.time ? table.time.slice(chartFrom, result.testTo) : null,
    unit: channel.unit,
  };
  post({ type: 'backtest-done', view }, transfer);
}
