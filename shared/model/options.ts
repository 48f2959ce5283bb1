// Training options: checks and data-driven defaults (window from the season, units from the data
// size). Called by train.ts and the backtest.
import { EngineError } from './errors';
import type { ForecastMethod, TrainOptions } from './types';

export type ResolvedOptions = Required<Omit<TrainOptions, 'period' | 'window' | 'lookback' | 'units' | 'batchSize'>> & {
  batchSize?: number;
  period?: number[];
  window?: number;
  lookback?: number;
  units?: number;
};

const DEFAULTS = {
  epochs: 60,
  learningRate: 0.01,
  patience: 6,
  seed: 42,
  validationFraction: 0.2,
  maxWindows: 2000,
  maxGap: 3,
  level: 0.9,
  loss: 'mae' as 'mae' | 'mse',
  methods: ['lstm', 'ensemble', 'linear', 'seasonal-naive', 'naive'] as ForecastMethod[],
  budgetMs: 20_000,
  trainer: 'auto' as 'auto' | 'kernel' | 'tfjs',
};

/** Longest horizon the engine forecasts. */
export const MAX_HORIZON = 5000;

function positiveInt(name: string, v: number | undefined, min = 1): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min) throw new EngineError('BAD_OPTION', `${name} must be a whole number >= ${min}, got ${v}`);
}

export function resolveOptions(o: TrainOptions): ResolvedOptions {
  if (!Number.isInteger(o.horizon) || o.horizon < 1) {
    throw new EngineError('BAD_HORIZON', `the horizon must be a whole number of steps >= 1, got ${String(o.horizon)}`, 'pass e.g. {horizon} 12');
  }
  if (o.horizon > MAX_HORIZON) throw new EngineError('BAD_HORIZON', `the horizon is at most ${MAX_HORIZON} steps, got ${o.horizon}`, 'forecast fewer steps, or resample the data to a coarser interval');
  const periods = o.period === undefined ? undefined : Array.isArray(o.period) ? o.period : [o.period];
  for (const p of periods ?? []) positiveInt('period', p);
  if (periods && !periods.length) throw new EngineError('BAD_OPTION', 'period must name at least one season length');
  positiveInt('window', o.window, 2);
  positiveInt('lookback', o.lookback, 1);
  if (o.budgetMs !== undefined && !(Number.isFinite(o.budgetMs) && o.budgetMs > 0)) {
    throw new EngineError('BAD_OPTION', `the time budget must be more than 0, got ${o.budgetMs} ms`, 'pass e.g. {budget} 20s or {budget} 5m');
  }
  if (o.trainer !== undefined && !['auto', 'kernel', 'tfjs'].includes(o.trainer)) throw new EngineError('BAD_OPTION', `trainer must be auto, kernel or tfjs, got ${String(o.trainer)}`);
  positiveInt('units', o.units);
  positiveInt('epochs', o.epochs);
  positiveInt('batchSize', o.batchSize);
  positiveInt('patience', o.patience);
  positiveInt('maxWindows', o.maxWindows);
  positiveInt('maxGap', o.maxGap, 0);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new EngineError('BAD_OPTION', `seed must be a whole number, got ${o.seed}`);
  if (o.learningRate !== undefined && !(o.learningRate > 0)) throw new EngineError('BAD_OPTION', `learningRate must be > 0, got ${o.learningRate}`);
  const vf = o.validationFraction;
  if (vf !== undefined && !(vf > 0 && vf < 0.9)) throw new EngineError('BAD_OPTION', `validationFraction must be in (0, 0.9), got ${vf}`);
  const lv = o.level;
  if (lv !== undefined && !(lv > 0 && lv < 1)) throw new EngineError('BAD_OPTION', `level must be in (0, 1), got ${lv}`);
  if (o.methods !== undefined && !o.methods.length) throw new EngineError('BAD_OPTION', 'methods must name at least one method');
  const out = { ...DEFAULTS } as ResolvedOptions;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  out.period = periods ? [...new Set(periods)].sort((a, b) => a - b) : undefined;
  return out;
}

/** Default LSTM window: 2 primary seasons, between 24 and 96 rows; 48 without a season (the linear context carries longer history). */
export function defaultWindow(period: number): number {
  return period > 1 ? Math.min(96, Math.max(24, 2 * period)) : 48;
}

/** Default batch size: 32, or 64 from 256 training windows (fewer sequential steps per epoch). */
export function defaultBatchSize(trainWindows: number): number {
  return trainWindows < 256 ? 32 : 64;
}

/** Default LSTM units from the number of training windows. */
export function defaultUnits(trainWindows: number): number {
  return trainWindows < 300 ? 16 : 32;
}
