// The engine's public types: what the app, the worker and the CLI see of training, forecasting,
// streaming and bundles. Re-exported by shared/model/index.ts (the facade).
import type { SeriesTable } from '../table';

export interface TrainInput {
  table: SeriesTable;
  /** Name of the channel to forecast. */
  target: string;
  /** Other channels used as inputs (their past values only). Default: none. */
  covariates?: string[];
}

export interface TrainOptions {
  /** Steps ahead to forecast (H). Required, >= 1. */
  horizon: number;
  /** Season lengths in rows; the shortest is the seasonal-naive lag m. Default: from the timestamps and autocorrelation (none: 1). */
  period?: number | number[];
  /** LSTM input rows. Default: 2 seasons of the primary season, between 24 and 96 rows (48 without a season); shortened for short series. */
  window?: number;
  /** Rows the linear method reads at full resolution. Default: chosen on validation among 2 of the longest season (or 2H), at least 48, and a longer one (336 on long sensor data), at most 336; older history enters as block means. */
  lookback?: number;
  /** LSTM units. Default: 16 for fewer than 300 training windows, else 32. */
  units?: number;
  /** Most epochs; early stopping or the time budget usually end sooner. Default: 60. */
  epochs?: number;
  /** Windows per batch. Default: 32, or 64 from 256 training windows. */
  batchSize?: number;
  /** Adam learning rate. Default: 0.01. */
  learningRate?: number;
  /** Epochs without a better validation loss before stopping. Default: 6. */
  patience?: number;
  /** Seed for weight initialization and batch order. Default: 42. */
  seed?: number;
  /** Share of the windows (the most recent ones) held out for validation and the method pick. Default: 0.2. */
  validationFraction?: number;
  /** Most LSTM training windows (the most recent ones). Default: 2,000. */
  maxWindows?: number;
  /** Longest gap (rows) filled by linear interpolation; longer gaps split the series. Default: 3. */
  maxGap?: number;
  /** Prediction interval level. Default: 0.9. */
  level?: number;
  /** Training loss on the scaled corrections: `mae` (matches MASE, robust to outliers) or `mse`. Default: mae. */
  loss?: 'mae' | 'mse';
  /** Methods the engine may pick from on the validation split. Default: all. */
  methods?: ForecastMethod[];
  /** Wall-time budget for training in milliseconds; the engine sizes windows and epochs to fit it. Default: 20,000. */
  budgetMs?: number;
  /** Which LSTM trainer runs: the wasm kernel, tfjs, or the faster available. Default: auto. */
  trainer?: 'auto' | 'kernel' | 'tfjs';
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss: number;
  etaSeconds: number;
}

/** An AbortSignal satisfies it. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  signal?: CancelSignal;
}

/**
 * `linear`: the closed-form ridge map of the recent rows and older block means; `lstm`: the linear
 * forecast plus the LSTM's correction; `ensemble`: the mean of the two, in model space.
 */
export type ForecastMethod = 'lstm' | 'ensemble' | 'linear' | 'seasonal-naive' | 'naive';

export interface ForecastResult {
  mean: number[];
  lower: number[];
  upper: number[];
  /** Nominal coverage of [lower, upper], e.g. 0.9. */
  level: number;
}

/** Validation scores (original units) of each method on the validation windows. */
export interface MethodScore {
  method: ForecastMethod;
  mae: number;
  rmse: number;
}

/** A season of the data, as the engine used it. */
export interface SeasonUsed {
  period: number;
  label: string;
  source: 'given' | 'clock' | 'autocorrelation';
}

export interface ModelInfo {
  /** Model input channels, target first, then covariates, in the order `stream().push` expects. */
  channels: { name: string; unit?: string }[];
  target: string;
  /** LSTM input rows (0 when no network was trained). */
  window: number;
  /** Rows of history a forecast reads (the linear context and the LSTM window). */
  history: number;
  /** The linear method's context: full-resolution rows, then `blocks` means of `block` rows. */
  context: { recent: number; block: number; blocks: number };
  horizon: number;
  /** The primary season (seasonal naive, MASE); 1 without one. */
  period: number;
  /** Every season found or given, shortest first. */
  seasons: SeasonUsed[];
  /** Where the primary season came from. */
  periodSource: 'given' | 'clock' | 'autocorrelation' | 'none';
  intervalMs: number | null;
  /** Time (ms since 1970) of the last row trained on, so that only later values score the model; null without a clock, absent in bundles saved before it was kept. */
  trainedUntil?: number | null;
  /** LSTM units (0 when no network was trained). */
  units: number;
  /** Target transform: `log` for positive series that span a wide range, else `none`. */
  transform: 'log' | 'none';
  /** Scaling fitted on the training windows only. */
  scaling: { targetScale: number; covariateMean: number[]; covariateStd: number[] };
  /** The method `forecast()` uses: the best on the validation windows. */
  method: ForecastMethod;
  /** Methods this model can forecast with. */
  methods: ForecastMethod[];
  /** Every candidate's validation score, best first. */
  scores: MethodScore[];
  /** Why the pick, in words (e.g. "lstm: val MAE 1.92 vs linear 2.41"). */
  pickReason: string;
  /** Validation MAE of the LSTM (original units); NaN without a network. */
  valMae: number;
  epochsRun: number;
  bestEpoch: number;
  /** Why training stopped. */
  stopReason: 'early-stop' | 'max-epochs' | 'nan-loss' | 'budget' | 'no-network';
  /** Which trainer ran (e.g. "kernel (wasm SIMD)", "tfjs wasm"), and why it fell back, if it did. */
  trainer: string;
  trainWindows: number;
  valWindows: number;
  seed: number;
  /** Interval level; the intervals are conformal quantiles of out-of-sample residuals per step, in units of the local scale (spec.ts). */
  level: number;
  /** Wall time of training, seconds. */
  trainingSeconds: number;
  /** Wall time of each phase of training (prepare, linear, arrays, lstm, pick, refit), seconds. */
  phaseSeconds?: Record<string, number>;
}

export interface GateActivations {
  forget: Float32Array;
  learn: Float32Array;
  /** The candidate N_t (tanh). */
  remember: Float32Array;
  use: Float32Array;
  cell: Float32Array;
  hidden: Float32Array;
}

export interface StreamingForecaster {
  /**
   * One row: a value per model channel in `info.channels` order (NaN = missing: the last value
   * carries on). Null until `info.history` rows. The result object is reused by the next push.
   */
  push(values: number[]): ForecastResult | null;
  /** Gate activations of the last step of the last forecast, or null before the first. */
  gates(): GateActivations | null;
  /** Forgets the history and the LSTM state: after a gap (an unplug, a stall), nothing is carried across it. */
  reset(): void;
  /** Rows still needed before the next forecast (0 when forecasting): "waiting for N samples". */
  waiting(): number;
}

export interface ModelBundle {
  /** JSON-serializable: format, version, spec, tfjs topology and weight specs. */
  manifest: Record<string, unknown>;
  weights: ArrayBuffer;
}

export interface ForecastOptions {
  /** Force a method instead of the picked one (e.g. `lstm` to see the network's own forecast). */
  method?: ForecastMethod;
}

export interface Forecaster {
  readonly info: ModelInfo;
  /** Forecast from the last `window` rows of `recent` (needs the model's channels by name). */
  forecast(recent: SeriesTable, options?: ForecastOptions): ForecastResult;
  /**
   * Forecasts from many origins of a table at once (an origin is the row index of the first
   * forecast row; only rows before it are read): milliseconds per origin, no retraining.
   */
  forecastFrom(table: SeriesTable, origins: number[], options?: { methods?: ForecastMethod[] }): Promise<Partial<Record<ForecastMethod, ForecastResult[]>>>;
  /** A forecast per new sample at a constant cost: the LSTM state carries on (one cell step per sample). */
  stream(options?: ForecastOptions): StreamingForecaster;
  toBundle(): Promise<ModelBundle>;
  dispose(): void;
}
