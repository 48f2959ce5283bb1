// Scoring stage: the rolling-origin backtest of ../shared/data/README.md. Origin k trains on
// rows 1..n-(k+1)H and forecasts the next H; origins whose training part is shorter than 2m or
// 2H are skipped. The LSTM, the engine's pick and both baselines are scored on the same origins.
// Called by the CLI's `evaluate` command, the accuracy tests and the app.
import { createLogger } from '../logger';
import { rowCount, selectChannels, sliceTable } from '../series/clean';
import { detectPeriod } from '../series/season';
import { EngineError, isEngineError } from '../errors';
import { trainForecaster } from '../model/train';
import type { CancelSignal, ForecastMethod, TrainOptions, TrainProgress } from '../model/types';
import type { SeriesTable } from '../table';

import { naiveForecast, seasonalNaiveForecast } from './baselines';
import { maseScale, meanMetrics, score, type Metrics } from './metrics';

const log = createLogger('backtest');

export type BacktestMethod = 'lstm' | 'linear' | 'pick' | 'seasonal-naive' | 'naive';
export const BACKTEST_METHODS: BacktestMethod[] = ['lstm', 'linear', 'pick', 'seasonal-naive', 'naive'];

export interface BacktestOptions {
  horizon: number;
  /** Season length m (also the MASE lag). Default: detected from the whole series. */
  period?: number;
  /** Number of rolling origins. Default: 5. */
  origins?: number;
  covariates?: string[];
  /** Engine options for every origin (horizon and period come from above). Default: engine defaults. */
  train?: Omit<TrainOptions, 'horizon' | 'period'>;
  /** Score the baselines only (no training): the protocol check. Default: false. */
  baselinesOnly?: boolean;
  /** Called before each origin is trained. */
  onOrigin?: (index: number, total: number) => void;
  /** Training progress of the current origin. */
  onProgress?: (p: TrainProgress) => void;
  signal?: CancelSignal;
}

export interface OriginResult {
  /** k: 0 is the plain holdout (the last H points). */
  origin: number;
  trainRows: number;
  /** Per method; lstm, linear and pick are missing where the engine did not fit them (too short; see `error`). */
  metrics: Partial<Record<BacktestMethod, Metrics>>;
  /** The method the engine picked on its validation split. */
  picked?: ForecastMethod;
  /** Share of the test points inside the pick's prediction interval. */
  coverage?: number;
  /** Per method the model offers: the test points inside its interval, and how many were scored. */
  inside: Partial<Record<BacktestMethod, [number, number]>>;
  /** Wall time of the engine's training on this origin, seconds. */
  trainSeconds?: number;
  /** Why the engine's LSTM training stopped on this origin (`budget`: the time budget ended it). */
  stopReason?: string;
  error?: string;
  forecasts: Partial<Record<BacktestMethod, number[]>>;
  actual: number[];
}

export interface BacktestResult {
  target: string;
  rows: number;
  horizon: number;
  period: number;
  periodSource: 'given' | 'clock' | 'autocorrelation' | 'none';
  origins: OriginResult[];
  /** Origins skipped by the 2m / 2H rule. */
  skipped: number[];
  /** Mean over the origins where the method has a result. */
  mean: Partial<Record<BacktestMethod, Metrics>>;
  /** Mean interval coverage of the pick and its nominal level. */
  coverage: { observed: number; level: number } | null;
  /** Per method: the share of all origins' test points inside the method's interval (methods the engine forecast with). */
  methodCoverage: Partial<Record<BacktestMethod, number>>;
  /** One sentence: does the LSTM beat seasonal naive here, and what did the engine pick? */
  verdict: string;
}

export async function backtest(table: SeriesTable, target: string, options: BacktestOptions): Promise<BacktestResult> {
  const H = options.horizon;
  if (!Number.isInteger(H) || H < 1) throw new EngineError('BAD_HORIZON', `the horizon must be a whole number of steps >= 1, got ${String(H)}`, 'pass e.g. {horizon} 12');
  const nOrigins = options.origins ?? 5;
  if (!Number.isInteger(nOrigins) || nOrigins < 1) throw new EngineError('BAD_OPTION', `origins must be a whole number >= 1, got ${nOrigins}`);
  const [ch] = selectChannels(table, target, options.covariates ?? []);
  const n = rowCount(table);
  const season = options.period !== undefined ? { period: options.period, source: 'given' as const } : detectPeriod(ch.values, table.time, table.intervalMs);
  const m = season.period;
  const origins: OriginResult[] = [];
  const skipped: number[] = [];
  let level = 0.9;
  for (let k = 0; k < nOrigins; k++) {
    const cut = n - (k + 1) * H;
    if (cut < 2 * m || cut < 2 * H) {
      skipped.push(k);
      continue;
    }
    options.onOrigin?.(k, nOrigins);
    const trainPart = ch.values.subarray(0, cut);
    const actual = Array.from(ch.values.subarray(cut, cut + H));
    const scale = maseScale(trainPart, m);
    const forecasts: OriginResult['forecasts'] = {
      naive: naiveForecast(trainPart, H),
      'seasonal-naive': seasonalNaiveForecast(trainPart, H, m),
    };
    const res: OriginResult = { origin: k, trainRows: cut, metrics: {}, forecasts, actual, inside: {} };
    if (!options.baselinesOnly) {
      const lv = await scoreEngine(res, sliceTable(table, 0, cut), target, options, m);
      if (lv !== undefined) level = lv;
    }
    for (const [method, f] of Object.entries(forecasts) as [BacktestMethod, number[]][]) res.metrics[method] = score(actual, f, scale);
    origins.push(res);
  }
  if (!origins.length) {
    throw new EngineError('SERIES_TOO_SHORT', `${n} rows leave no origin with a training part of at least 2m (${2 * m}) and 2H (${2 * H}) rows`, 'use a shorter {horizon} or fewer {origins}');
  }
  const mean: BacktestResult['mean'] = {};
  for (const method of BACKTEST_METHODS) {
    const list = origins.map((o) => o.metrics[method]).filter((x): x is Metrics => x !== undefined);
    if (list.length) mean[method] = meanMetrics(list);
  }
  const cov = origins.map((o) => o.coverage).filter((c): c is number => c !== undefined);
  const methodCoverage: BacktestResult['methodCoverage'] = {};
  for (const method of BACKTEST_METHODS) {
    const counts = origins.map((o) => o.inside[method]).filter((c): c is [number, number] => c !== undefined);
    const total = counts.reduce((a, c) => a + c[1], 0);
    if (total) methodCoverage[method] = counts.reduce((a, c) => a + c[0], 0) / total;
  }
  return {
    target,
    rows: n,
    horizon: H,
    period: m,
    periodSource: season.source,
    origins,
    skipped,
    mean,
    coverage: cov.length ? { observed: cov.reduce((a, b) => a + b, 0) / cov.length, level } : null,
    methodCoverage,
    verdict: verdict(mean, origins),
  };
}

/** Trains the engine on the origin's training part and adds the lstm and pick forecasts; returns the interval level. */
async function scoreEngine(res: OriginResult, slice: SeriesTable, target: string, options: BacktestOptions, m: number): Promise<number | undefined> {
  const H = options.horizon;
  const { forecasts, actual } = res;
  let level: number | undefined;
  try {
    const started = Date.now();
    const model = await trainForecaster(
      { table: slice, target, covariates: options.covariates },
      { ...options.train, horizon: H, period: m },
      { onProgress: options.onProgress, signal: options.signal },
    );
    res.trainSeconds = (Date.now() - started) / 1000;
    res.stopReason = model.info.stopReason;
    try {
      const offered = model.info.methods;
      const runs: [BacktestMethod, ForecastMethod | undefined][] = [['lstm', 'lstm'], ['linear', 'linear'], ['pick', undefined], ['seasonal-naive', 'seasonal-naive'], ['naive', 'naive']];
      for (const [name, method] of runs) {
        if (method !== undefined && !offered.includes(method)) continue;
        const f = model.forecast(slice, method ? { method } : undefined);
        let inside = 0;
        let count = 0;
        actual.forEach((y, i) => {
          if (Number.isNaN(y)) return;
          count++;
          if (y >= f.lower[i] && y <= f.upper[i]) inside++;
        });
        res.inside[name] = [inside, count];
        // The baselines' own forecasts (baselines.ts) are scored; the model's only give their intervals.
        if (name === 'seasonal-naive' || name === 'naive') continue;
        forecasts[name] = f.mean;
        if (name === 'pick') {
          res.picked = model.info.method;
          level = f.level;
          res.coverage = count ? inside / count : undefined;
        }
      }
    } finally {
      model.dispose();
    }
  } catch (err) {
    if (!isEngineError(err) || err.code === 'CANCELLED' || err.code === 'BAD_OPTION') throw err;
    res.error = `${err.code}: ${err.message}`;
    log.warn(`origin ${res.origin}: the engine could not train (${res.error}); baselines only`);
  }
  return level;
}

function verdict(mean: BacktestResult['mean'], origins: OriginResult[]): string {
  const s = mean['seasonal-naive']?.mase;
  const l = mean.lstm?.mase;
  const p = mean.pick?.mase;
  const picks = origins.map((o) => o.picked).filter(Boolean).join(', ');
  const f = (x: number): string => x.toFixed(3);
  if (p === undefined || s === undefined) return 'the engine could not be trained on any origin: only the baselines are scored';
  if (l === undefined) return `too short for the LSTM; the engine's pick (${picks}) scores MASE ${f(p)} vs seasonal naive ${f(s)}`;
  const lstm = l < s ? `the LSTM beats seasonal naive (MASE ${f(l)} vs ${f(s)})` : `the LSTM does NOT beat seasonal naive (MASE ${f(l)} vs ${f(s)})`;
  return `${lstm}; the engine's pick (${picks}) scores MASE ${f(p)}`;
}
