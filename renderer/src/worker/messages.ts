// Messages between the page and the forecasting worker. Tables cross as structured clones
// (typed arrays copy cheaply); weights as ArrayBuffers. Callers: worker-client.ts, forecast-worker.ts.
import type { BackendChoice } from '../../../shared/api/contract';
import type { ForecastMethod, ForecastResult, GateActivations, ModelInfo, TrainProgress } from '../../../shared/model/types';
import type { SkillSnapshot } from '../../../shared/eval/live-skill';
import type { SpanTable } from '../../../shared/eval/test-span-table';
import type { SeriesTable } from '../../../shared/table';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** The gates the page shows: the engine's GateActivations without the cell and hidden state. */
export type GateSnapshot = Pick<GateActivations, 'forget' | 'learn' | 'remember' | 'use'>;

/** One forecast made at the sample with time `t` (the origin). */
export interface StampedForecast extends ForecastResult {
  t: number;
}

/** The page's backtest of the data in view (backtest-job.ts): one model, every origin of the test span. */
export interface BacktestRequest {
  table: SeriesTable;
  target: string;
  covariates: string[];
  horizon: number;
  epochs: number;
  /** Most training time, ms. */
  budgetMs: number;
}

/** One method's forecasts from every origin, origin after origin (H values each). */
export interface BacktestForecasts {
  mean: Float32Array;
  lower: Float32Array;
  upper: Float32Array;
}

/** What the page shows of a backtest: the table and, per origin, the forecasts against the actuals. */
export interface BacktestView {
  target: string;
  unit?: string;
  rows: number;
  horizon: number;
  testFrom: number;
  testTo: number;
  stride: number;
  info: ModelInfo;
  table: SpanTable;
  trainSeconds: number;
  forecastSeconds: number;
  /** Row index of every origin, ascending. */
  origins: number[];
  forecasts: Partial<Record<ForecastMethod, BacktestForecasts>>;
  /** The target's values (and times) of rows chartFrom..testTo-1, for the chart. */
  chartFrom: number;
  actual: Float64Array;
  time: Float64Array | null;
}

export type ToWorker =
  | { type: 'init'; backend: BackendChoice; softwareWebgl: boolean }
  | { type: 'train'; table: SeriesTable; target: string; covariates: string[]; horizon: number; epochs: number }
  | { type: 'cancel' }
  /**
   * Rows in model-channel order, one per time; the worker answers with a forecast per row.
   * `gaps`: indices of the rows that follow a gap (the stream and the skill restart there).
   */
  | { type: 'push'; t: number[]; rows: number[][]; gaps?: number[] }
  /** Restart the streaming state from this history (after a gap, a new source or a new model). */
  /** `view` is echoed in the reply, so the page can drop replies meant for a view it has left. */
  | { type: 'prime'; t: number[]; rows: number[][]; view: number }
  /**
   * For the primes that follow: the time of the model's last training row. Replayed forecasts
   * from origins after it are scored (new data); from origins at or before it, and every origin
   * when null (a model from disk: its training data are unknown), they are not.
   */
  | { type: 'score-after'; t: number | null }
  | { type: 'save' }
  | { type: 'load'; manifest: Record<string, unknown>; weights: ArrayBuffer }
  | { type: 'drop-model' }
  | ({ type: 'backtest' } & BacktestRequest)
  | { type: 'backtest-cancel' }
  /** Test builds only (`serve --software-webgl`): lose the WebGL context, as a GPU reset would (FAULTS 22). */
  | { type: 'test-lose-context' };

export type FromWorker =
  | { type: 'backend'; backend: BackendName; tried: { backend: BackendName; error: string }[] }
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'trained'; info: ModelInfo; seconds: number }
  | { type: 'train-failed'; code: string; message: string; hint?: string }
  /**
   * After a push or prime: the newest forecast, the forecasts made every H origins (drawn as
   * past forecasts against what happened), the rolling skill and the last step's gates.
   */
  | { type: 'forecasts'; latest: StampedForecast | null; segments: StampedForecast[]; skill: SkillSnapshot; gates: GateSnapshot | null; view?: number; waiting?: number }
  | { type: 'saved'; manifest: Record<string, unknown>; weights: ArrayBuffer }
  | { type: 'loaded'; info: ModelInfo }
  | { type: 'failed'; code: string; message: string; hint?: string }
  | { type: 'backtest-progress'; fraction: number; text: string }
  | { type: 'backtest-done'; view: BacktestView }
  | { type: 'backtest-failed'; code: string; message: string; hint?: string };
