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
  /** Season length in rows (m). Default: from the timestamps and autocorrelation (1 when none). */
  period?: number;
  /** Input window in rows. Default: 3 seasons but at most max(2 seasons, 48 rows); 2H (at least 16) without a season; shortened for short series. */
  window?: number;
  /** LSTM units. Default: 16 for fewer than 300 training windows, else 32. */
  units?: number;
  /** Most epochs; early stopping usually ends sooner. Default: 60. */
  epochs?: number;
  /** Windows per batch. Default: 32, or 64 from 256 training windows. */
  batchSize?: number;
  /** Adam learning rate. Default: 0.01. */
  learningRate?: number;
  /** Epochs without a better validation loss before stopping. Default: 6. */
  patience?: number;
  /** Seed for weight initialization and batch order. Default: 42. */
  seed?: number;
  /** Share of the windows (the most recent ones) held out for validation and the method pick, at most maxWindows / 4. Default: 0.2. */
  validationFraction?: number;
  /** Most training windows used (the most recent ones), to bound training time on long series. Default: 400. */
  maxWindows?: number;
  /** Longest gap (rows) filled by linear interpolation; longer gaps split the series. Default: 3. */
  maxGap?: number;
  /** Prediction interval level. Default: 0.9. */
  level?: number;
  /** Training loss on the scaled corrections: `mae` (matches MASE, robust to outliers) or `mse`. Default: mae. */
  loss?: 'mae' | 'mse';
  /** Methods the engine may pick from on the validation split. Default: all of lstm, ensemble, seasonal-naive, naive. */
  methods?: ForecastMethod[];
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

/** `ensemble`: the mean of the LSTM's forecast and its baseline's (info.base), in model space. */
export type ForecastMethod = 'lstm' | 'ensemble' | 'seasonal-naive' | 'naive';

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

export interface ModelInfo {
  /** Model input channels, target first, then covariates, in the order `stream().push` expects. */
  channels: { name: string; unit?: string }[];
  target: string;
  window: number;
  horizon: number;
  period: number;
  /** Where the period came from. */
  periodSource: 'given' | 'clock' | 'autocorrelation' | 'none';
  intervalMs: number | null;
  units: number;
  /** Target transform: `log` for positive series that span a wide range, else `none`. */
  transform: 'log' | 'none';
  /** The seasonal baseline the LSTM learns a correction to (`seasonal-naive` or `naive`). */
  base: 'seasonal-naive' | 'naive';
  /** Scaling fitted on the training windows only. */
  scaling: { targetScale: number; covariateMean: number[]; covariateStd: number[] };
  /** The method `forecast()` uses: the best on the validation windows. */
  method: ForecastMethod;
  /** Every candidate's validation score, best first. */
  scores: MethodScore[];
  /** Why the pick, in words (e.g. "lstm: val MAE 1.92 vs seasonal-naive 2.41"). */
  pickReason: string;
  /** Validation MAE of the LSTM (original units). */
  valMae: number;
  epochsRun: number;
  bestEpoch: number;
  /** Why training stopped. */
  stopReason: 'early-stop' | 'max-epochs' | 'nan-loss';
  trainWindows: number;
  valWindows: number;
  seed: number;
  /** Interval level and the method: quantiles of validation residuals per step. */
  level: number;
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
  /** One row: a value per model channel in `info.channels` order (NaN = missing). Null until `window` rows. */
  push(values: number[]): ForecastResult | null;
  /** Gate activations of the last step of the last forecast, or null before the first. */
  gates(): GateActivations | null;
  reset(): void;
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
  /** A plain-TypeScript LSTM cell on Float32Array: no tfjs calls per sample. */
  stream(options?: ForecastOptions): StreamingForecaster;
  toBundle(): Promise<ModelBundle>;
  dispose(): void;
}
