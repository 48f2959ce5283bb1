// The engine's facade: the one module the app, the renderer's worker, the CLI and the tests
// import. Pure TypeScript on @tensorflow/tfjs; the caller picks and initializes the backend.
import { loadForecaster } from './bundle-load';
import { trainForecaster } from './train';
import type { Forecaster, ModelBundle, TrainHooks, TrainInput, TrainOptions } from './types';

export { EngineError, isEngineError, type EngineErrorCode } from './errors';
export type {
  CancelSignal,
  ForecastMethod,
  ForecastOptions,
  ForecastResult,
  Forecaster,
  GateActivations,
  MethodScore,
  ModelBundle,
  ModelInfo,
  StreamingForecaster,
  TrainHooks,
  TrainInput,
  TrainOptions,
  TrainProgress,
} from './types';
export { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-save';
export { backtest, BACKTEST_METHODS, type BacktestMethod, type BacktestOptions, type BacktestResult, type OriginResult } from '../eval/backtest';
export { naiveForecast, seasonalNaiveForecast } from '../eval/baselines';
export { maseScale, score, type Metrics } from '../eval/metrics';
export { detectPeriod } from '../series/season';

/**
 * Trains a forecaster for `input.target` (plus optional covariates). Rejects with an EngineError
 * for bad input (SERIES_TOO_SHORT, CONSTANT_SERIES, ALL_MISSING, UNKNOWN_COLUMN, BAD_HORIZON, ...),
 * NAN_LOSS when training diverges before a usable epoch, CANCELLED when `hooks.signal` aborts.
 */
export function train(input: TrainInput, options: TrainOptions, hooks?: TrainHooks): Promise<Forecaster> {
  return trainForecaster(input, options, hooks);
}

/** Rebuilds a forecaster from a bundle; rejects corrupt, truncated or mismatched ones (BAD_BUNDLE). */
export function loadBundle(bundle: ModelBundle): Promise<Forecaster> {
  return loadForecaster(bundle);
}
