// Training stage: prepares the data (shared/series), trains the LSTM with early stopping, picks
// the best method on the validation windows and returns a Forecaster. Called by index.ts `train`.
import { createLogger } from '../logger';
import { fillGaps, segments, selectChannels } from '../series/clean';
import { chooseTransform, fitStandardization, meanAbsDiff, toModelSpace, type EncodingSpec } from '../series/encode';
import { detectPeriod } from '../series/season';
import { baselineError, buildArrays, splitWindows, windowEnds } from '../series/windows';

import { EngineError } from './errors';
import { EngineForecaster } from './forecaster';
import { buildNetwork, initialWeights, setNetworkWeights, type NetworkShape } from './network';
import { defaultUnits, defaultWindow, resolveOptions } from './options';
import { fitLoop } from './fit';
import { selectMethod } from './select';
import type { ModelSpec } from './spec';
import type { Forecaster, ModelInfo, TrainHooks, TrainInput, TrainOptions } from './types';

const log = createLogger('engine');

/** Fewest training windows the engine accepts. */
const MIN_TRAIN_WINDOWS = 12;

export async function trainForecaster(input: TrainInput, options: TrainOptions, hooks: TrainHooks = {}): Promise<Forecaster> {
  const opt = resolveOptions(options);
  const H = opt.horizon;
  const channels = selectChannels(input.table, input.target, input.covariates ?? []);
  const filled = channels.map((c) => fillGaps(c.values, opt.maxGap));
  const target = filled[0];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of target) {
    if (Number.isNaN(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
    throw new EngineError('CONSTANT_SERIES', `"${input.target}" is constant (${hi}): there is nothing to forecast`, 'pick a column that varies');
  }
  const season = opt.period !== undefined ? { period: opt.period, source: 'given' as const } : detectPeriod(target, input.table.time, input.table.intervalMs);
  const m = season.period;

  // Window: the default, shortened (never below the season) until enough windows fit.
  const full = segments(filled, 1);
  const longest = full.reduce((a, s) => Math.max(a, s.end - s.start), 0);
  let w = opt.window ?? defaultWindow(m, H);
  if (opt.window === undefined) {
    const need = Math.ceil((MIN_TRAIN_WINDOWS + H + 4) / (1 - opt.validationFraction)) + 8;
    w = Math.max(Math.min(w, longest - H + 1 - need), m, 2);
  }
  if (w < m) throw new EngineError('BAD_OPTION', `the window (${w}) must hold at least one season (${m} rows)`, `use --window ${m} or more`);
  const ends = windowEnds(segments(filled, w + H), w, H);
  const split = splitWindows(ends, H, opt.validationFraction, opt.maxWindows);
  if (split.train.length < MIN_TRAIN_WINDOWS) {
    const rows = longest;
    throw new EngineError(
      'SERIES_TOO_SHORT',
      `"${input.target}" has ${rows} consecutive usable rows; window ${w} + horizon ${H} leaves ${split.train.length} training windows (needs ${MIN_TRAIN_WINDOWS})`,
      `give at least ${w + 2 * H + Math.ceil((MIN_TRAIN_WINDOWS + 4) / (1 - opt.validationFraction))} rows, or a shorter --horizon`,
    );
  }

  // Scaling from the training part only (rows before the validation span).
  const transform = chooseTransform(target.subarray(0, split.valStart));
  if (transform === 'log') for (const v of target) if (v <= 0) throw new EngineError('BAD_INPUT', 'log transform needs positive values');
  const z = toModelSpace(target, transform);
  let scale = meanAbsDiff(z, m, 0, split.valStart);
  if (!(scale > 1e-12)) scale = meanAbsDiff(z, 1, 0, split.valStart);
  if (!(scale > 1e-12)) {
    throw new EngineError('CONSTANT_SERIES', `"${input.target}" does not change over the training part`, 'use a longer or a varying series');
  }
  const covs = filled.slice(1);
  const std = fitStandardization(covs, 0, split.valStart);
  const enc: EncodingSpec = {
    window: w,
    horizon: H,
    period: m,
    transform,
    base: 'seasonal-naive',
    targetScale: scale,
    covariateMean: std.mean,
    covariateStd: std.std,
  };
  if (m > 1 && baselineError({ ...enc, base: 'naive' }, z, split.train) < baselineError(enc, z, split.train)) enc.base = 'naive';
  if (m <= 1) enc.base = 'naive';

  const trainArr = buildArrays(enc, z, covs, split.train);
  const valArr = buildArrays(enc, z, covs, split.val);
  const shape: NetworkShape = { window: w, features: channels.length, units: opt.units ?? defaultUnits(split.train.length), horizon: H };
  const model = buildNetwork(shape);
  try {
    setNetworkWeights(model, shape, initialWeights(shape, opt.seed));
    const fit = await fitLoop(model, shape, trainArr, valArr, opt, hooks);
    const picked = selectMethod(model, shape, enc, z, target, valArr, split.val, opt.methods, opt.level);
    const info: ModelInfo = {
      channels: channels.map((c) => (c.unit ? { name: c.name, unit: c.unit } : { name: c.name })),
      target: input.target,
      window: w,
      horizon: H,
      period: m,
      periodSource: season.source,
      intervalMs: input.table.intervalMs,
      units: shape.units,
      transform,
      base: enc.base,
      scaling: { targetScale: scale, covariateMean: std.mean, covariateStd: std.std },
      method: picked.method,
      scores: picked.scores,
      pickReason: picked.reason,
      valMae: picked.scores.find((s) => s.method === 'lstm')?.mae ?? NaN,
      epochsRun: fit.epochsRun,
      bestEpoch: fit.bestEpoch,
      stopReason: fit.stopReason,
      trainWindows: split.train.length,
      valWindows: split.val.length,
      seed: opt.seed,
      level: opt.level,
    };
    log.debug(`trained: ${picked.reason}`);
    const spec: ModelSpec = { info, encoding: enc, intervals: picked.intervals };
    return new EngineForecaster(model, spec);
  } catch (err) {
    model.dispose();
    throw err;
  }
}
