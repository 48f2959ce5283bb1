// Training stage: prepares the data (shared/series), fits the linear method in closed form,
// trains the LSTM on what the linear method leaves (when there is enough data and time), picks
// the best method on the validation windows and returns a Forecaster. Short series still get a
// forecast: the baselines and the linear method. Called by index.ts `train` and the backtest.
import type * as tf from '@tensorflow/tfjs';

import { createLogger } from '../logger';
import { fillGaps, segments, selectChannels } from '../series/clean';
import { chooseTransform, contextRows, contextSize, fitStandardization, historyRows, lstmFeatures, meanAbsDiff, prefixSums, toModelSpace, type EncodingSpec } from '../series/encode';
import { medianInterval } from '../series/time-grid';
import { buildArrays, splitWindows, windowEnds } from '../series/windows';

import { predictWindows } from './batch-predict';
import { Budget, work } from './budget';
import { EngineError } from './errors';
import { TimeSlicer } from './events';
import { fitLoop } from './fit';
import { EngineForecaster } from './forecaster';
import { addNormal, fitLinear, normalEquations, refitLinear, thin } from './linear';
import { buildNetwork, initialWeights, readNetworkWeights, setNetworkWeights, type NetworkShape } from './network';
import { defaultUnits, resolveOptions } from './options';
import { chooseSizes, MIN_LSTM_WINDOWS, offered, seasonsFor, whyNoNetwork } from './plan';
import { fallbackIntervals, selectMethod } from './select';
import type { ModelSpec } from './spec';
import type { Forecaster, ModelInfo, TrainHooks, TrainInput, TrainOptions } from './types';

const log = createLogger('engine');

/** Fewest windows for the linear method. */
const MIN_LINEAR_WINDOWS = 8;
/** Work (multiply-adds) allowed for the normal equations; bounds the linear fit to about a second. */
const LINEAR_WORK = 8e8;
/** Most validation windows scored for the pick (evenly spread, newest kept). */
const MAX_SCORED = 3000;
/** Fewest validation windows scored for the pick, however short the time. */
const MIN_SCORED = 100;
/**
 * Shares of the time left: for the first linear context, for each one after it, and for scoring
 * the pick. The linear method is the one picked on long sensor data (ETTh1), so it gets the most:
 * at a load of 14 on 2 cores, 0.6 and 0.3 left 7 of the 20 s unused and cost ETTh1 (H = 336)
 * MSE 0.0857 against 0.0820.
 */
const FIRST_LINEAR_SHARE = 0.75;
const LINEAR_SHARE = 0.4;
/** Share of the LSTM's windows (the newest) held out of its training to stop it early, so that the pick's validation windows judge an LSTM not tuned on them. */
const STOP_SHARE = 0.2;

/** Work of the batch that times the machine before a big linear fit: 60 ms on an idle core. */
const PROBE_WORK = 3e7;
const SCORING_SHARE = 0.3;
/**
 * Linear forecasts (d x H multiply-adds each) allowed after the fit, shared by the LSTM's
 * training and validation targets and the pick's scoring: with long horizons and contexts the
 * window counts shrink so that a 20,000-row series with H = 720 still trains in seconds.
 */
const FORECAST_WORK = 1.2e9;
/** Rows the intervals' local scale is measured on (at least; two seasons where longer). */
const SCALE_ROWS = 24;

const now = (): number => Date.now();

export async function trainForecaster(input: TrainInput, options: TrainOptions, hooks: TrainHooks = {}): Promise<Forecaster> {
  const started = now();
  const opt = resolveOptions(options);
  const budget = new Budget(started, opt.budgetMs);
  const slicer = new TimeSlicer(hooks.signal);
  const H = opt.horizon;
  const channels = selectChannels(input.table, input.target, input.covariates ?? []);
  const filled = channels.map((c) => fillGaps(c.values, opt.maxGap));
  const target = filled[0];
  let lo = Infinity;
  let hi = -Infinity;
  let usable = 0;
  for (const v of target) {
    if (Number.isNaN(v)) continue;
    usable++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (usable < 2) throw new EngineError('SERIES_TOO_SHORT', `"${input.target}" has ${usable} usable value${usable === 1 ? '' : 's'}: a forecast needs at least 2`, 'give a longer series');
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
    throw new EngineError('CONSTANT_SERIES', `"${input.target}" is constant (${hi}): there is nothing to forecast`, 'pick a column that varies');
  }
  const n = target.length;
  const seasons = seasonsFor(opt, target, input.table.time, input.table.intervalMs);
  const m = seasons.list.length ? seasons.list[0].period : 1;
  const longest = seasons.list.length ? seasons.list[seasons.list.length - 1].period : 1;

  // The stretch the model learns from: gap-free rows (short gaps filled) of every channel.
  const segs = segments(filled, 2);
  const longestSeg = segs.reduce((a, s) => Math.max(a, s.end - s.start), 0);
  const sizes = chooseSizes(opt, m, longest, H, longestSeg, input.table.intervalMs ?? medianInterval(input.table.time));
  const transform = chooseTransform(target);
  const z = toModelSpace(target, transform);
  const prefix = prefixSums(z.map((v) => (Number.isNaN(v) ? 0 : v)));
  const base: Omit<EncodingSpec, 'context' | 'targetScale' | 'levelMean' | 'levelStd' | 'covariateMean' | 'covariateStd'> = { horizon: H, period: m, transform, window: sizes.window };
  // Every candidate context is fitted and scored on the same windows: those the longest one allows.
  const history = Math.max(...sizes.contexts.map((context) => historyRows({ ...base, context })));
  const ends = windowEnds(segments(filled, history + H), history, H);
  const split = splitWindows(ends, H, opt.validationFraction, Infinity, Math.min(4, Math.floor(ends.length / 3)));
  const fitEnd = Number.isFinite(split.valStart) && split.valStart > 0 ? split.valStart : n;

  let scale = meanAbsDiff(z, m, 0, fitEnd);
  if (!(scale > 1e-12)) scale = meanAbsDiff(z, 1, 0, fitEnd);
  if (!(scale > 1e-12)) scale = meanAbsDiff(z, 1, 0, n);
  if (!(scale > 1e-12)) throw new EngineError('CONSTANT_SERIES', `"${input.target}" does not change over the training part`, 'use a longer or a varying series');
  const level = fitStandardization([z], 0, fitEnd);
  const std = fitStandardization(filled.slice(1), 0, fitEnd);
  let enc: EncodingSpec = { ...base, context: sizes.contexts[0], targetScale: scale, levelMean: level.mean[0], levelStd: level.std[0], covariateMean: std.mean, covariateStd: std.std };

  budget.phase('prepare');
  // The linear method, in closed form, on a bounded number of windows; the best context on validation.
  // On a slow (loaded) machine each context gets the windows that fit its share of the time left
  // (the first twice as much), measured on a first small batch where the fit is big; a context
  // that would get fewer than 4 windows per input is skipped.
  const linearOk = split.train.length >= MIN_LINEAR_WINDOWS && opt.methods.some((x) => x !== 'naive' && x !== 'seasonal-naive');
  let linFit: Awaited<ReturnType<typeof fitLinear>> | null = null;
  let maxLinear = 0;
  for (const context of linearOk ? sizes.contexts : []) {
    const d = context.recent + context.blocks;
    // Without a season and with fewer than 3 windows per input, the validation cannot tell a
    // fitted trend from noise (WWWusage: a linear pick of MASE 11.9 against naive's 6.2); the
    // baselines are the honest choice. A season gives the map structure to learn (AirPassengers).
    if (m <= 1 && split.train.length < 3 * d) continue;
    const val = Math.min(split.val.length, 600);
    const perWindow = d * (d / 2 + H);
    let cap = Math.max(64, Math.floor(LINEAR_WORK / perWindow));
    const probe = Math.ceil(PROBE_WORK / perWindow);
    if (budget.estimate(Math.min(cap, split.train.length) * perWindow) > 4 * budget.estimate(PROBE_WORK) && probe < split.train.length / 4) {
      // Timing a small batch of the normal equations tells the machine's speed now.
      await normalEquations({ ...enc, context }, z, prefix, thin(split.train, probe), slicer);
      budget.phase('linear', probe * perWindow);
    }
    const share = (linFit ? LINEAR_SHARE : FIRST_LINEAR_SHARE) * budget.left() - budget.estimate(work.linearFit(0, val, d, H));
    const timely = budget.fit(share, perWindow);
    if (linFit && timely < 4 * d) continue;
    cap = Math.max(64, Math.min(cap, timely));
    const candidate = { ...enc, context };
    const fitted = thin(split.train, cap);
    const f = await fitLinear(candidate, z, prefix, fitted, split.val, slicer);
    budget.phase('linear', work.linearFit(fitted.length, val, d, H));
    if (!linFit || f.valMse < linFit.valMse) {
      linFit = f;
      enc = candidate;
      maxLinear = cap;
    }
  }
  let linear = linFit ? linFit.weights : new Float32Array((enc.context.recent + enc.context.blocks) * H);

  // What is left after the LSTM, sized first: the pick's scoring (fewer windows when time is
  // short) and the final refit; the LSTM gets the time in between, or is skipped.
  const d = contextSize(enc.context);
  const evals = Math.max(300, Math.floor(FORECAST_WORK / (d * H)));
  const wantsNet = opt.methods.includes('lstm') || opt.methods.includes('ensemble');
  const features = lstmFeatures(enc);
  const netWork = work.netWindow(sizes.window, features, opt.units ?? 32, H);
  const scoredMax = Math.max(MIN_SCORED, budget.fit(SCORING_SHARE * budget.left() - budget.estimate(work.scoring(0, d, H, 0, 0, 0)), work.scoring(1, d, H, netWork, sizes.window, features) - work.scoring(0, d, H, 0, 0, 0)));
  const scored = thin(split.val, Math.min(MAX_SCORED, Math.floor(0.35 * evals), scoredMax));
  const refitEnds = linFit && split.val.length ? thin(split.val, Math.ceil(maxLinear / 4)) : [];
  const refitWork = work.linearFit(refitEnds.length, 0, d, H, 1);
  const after = budget.estimate(work.scoring(scored.length, d, H, wantsNet ? netWork : 0, sizes.window, features) + refitWork);
  const deadline = started + opt.budgetMs - Math.max(0.1 * opt.budgetMs, 1.5 * after);
  // The LSTM, on the newest training windows: at most as many as one epoch of, with their arrays,
  // fits before the deadline (the deadline ends the later epochs). An epoch is 3 forward passes a
  // window, run about 3 times faster per multiply-add on the kernel than the JS loops the speed is
  // measured on (ETTh1, H = 336: 2.7 against 9 ns).
  const valCount = Math.min(split.val.length, 1000, Math.floor(0.2 * evals));
  const arrays = work.arrays(sizes.window, features, d, H);
  const timely = budget.fit(deadline - now() - budget.estimate(valCount * (arrays + netWork / 3)), arrays + netWork);
  const lstmTrain = split.train.slice(Math.max(0, split.train.length - Math.min(opt.maxWindows, Math.max(MIN_LSTM_WINDOWS, Math.floor(0.45 * evals)), timely)));
  const netOk = linFit !== null && wantsNet && sizes.window > 0 && lstmTrain.length >= MIN_LSTM_WINDOWS && split.val.length > 0;
  const late = linFit !== null && wantsNet && sizes.window > 0 && split.val.length > 0 && !netOk && timely < MIN_LSTM_WINDOWS && split.train.length >= MIN_LSTM_WINDOWS;
  let model: tf.LayersModel | null = null;
  let fit = { epochsRun: 0, bestEpoch: 0, stopReason: 'no-network' as ModelInfo['stopReason'], trainer: 'none' };
  let units = 0;
  let net: Float32Array | null = null;
  const covs = filled.slice(1);
  try {
    if (netOk) {
      const stop = Math.max(1, Math.floor(STOP_SHARE * lstmTrain.length));
      const trainArr = buildArrays(enc, z, covs, prefix, linear, lstmTrain.slice(0, lstmTrain.length - stop));
      const valArr = buildArrays(enc, z, covs, prefix, linear, thin(lstmTrain.slice(lstmTrain.length - stop), valCount));
      units = opt.units ?? defaultUnits(lstmTrain.length);
      const shape: NetworkShape = { window: sizes.window, features: lstmFeatures(enc), units, horizon: H };
      model = buildNetwork(shape);
      setNetworkWeights(model, shape, initialWeights(shape, opt.seed));
      budget.phase('arrays', (lstmTrain.length + valArr.count) * arrays);
      const r = await fitLoop(model, shape, trainArr, valArr, { ...opt, deadline }, hooks);
      fit = { epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, stopReason: r.stopReason, trainer: r.trainer };
      budget.phase('lstm');
      net = await predictWindows(model, shape, readNetworkWeights(model), buildArrays(enc, z, covs, prefix, linear, scored).x, scored.length, slicer);
    } else if (hooks.signal?.aborted) {
      throw new EngineError('CANCELLED', 'training was cancelled');
    }
    const methods = offered(opt.methods, linFit !== null, model !== null, m);
    const note = model ? undefined : late ? `no time left for the LSTM in the ${opt.budgetMs / 1000} s budget (a busy machine?): raise the budget` : whyNoNetwork(linFit !== null, wantsNet, lstmTrain.length, usable, sizes.window);
    const scaleRows = Math.min(Math.max(contextRows(enc.context), m) - 1, Math.max(SCALE_ROWS, 2 * m));
    const picked = await selectMethod(
      { enc, linear, prefix, z, target, ends: scored, net, methods, allowed: opt.methods, level: opt.level, note, scaleRows: scaleRows >= 2 ? scaleRows : undefined, baselineEnds: ends },
      slicer,
    );
    if (!scored.length) for (const k of methods) picked.intervals[k] = fallbackIntervals(enc, z, k, opt.level);
    budget.phase('pick', work.scoring(scored.length, d, H, model ? netWork : 0, sizes.window, features));
    // A pick that does not use the network gets the linear map refitted on every window, when there is time for it.
    if (linFit && picked.method === 'linear' && refitEnds.length && budget.estimate(refitWork) < budget.left()) {
      linear = refitLinear(enc, addNormal(linFit.normal, await normalEquations(enc, z, prefix, refitEnds, slicer)), linFit.alpha);
      budget.phase('refit', refitWork);
    }
    const info: ModelInfo = {
      channels: channels.map((c) => (c.unit ? { name: c.name, unit: c.unit } : { name: c.name })),
      target: input.target,
      window: model ? sizes.window : 0,
      history: historyRows({ ...enc, window: model ? sizes.window : 0 }),
      context: { ...enc.context },
      horizon: H,
      period: m,
      seasons: seasons.list,
      periodSource: seasons.source,
      intervalMs: input.table.intervalMs,
      trainedUntil: input.table.time && input.table.time.length ? input.table.time[input.table.time.length - 1] : null,
      units: model ? units : 0,
      transform,
      scaling: { targetScale: scale, covariateMean: std.mean, covariateStd: std.std },
      method: picked.method,
      methods,
      scores: picked.scores,
      pickReason: picked.reason,
      valMae: picked.scores.find((s) => s.method === 'lstm')?.mae ?? NaN,
      epochsRun: fit.epochsRun,
      bestEpoch: fit.bestEpoch,
      stopReason: fit.stopReason,
      trainer: fit.trainer,
      trainWindows: split.train.length,
      valWindows: split.val.length,
      seed: opt.seed,
      level: opt.level,
      trainingSeconds: (now() - started) / 1000,
      phaseSeconds: budget.seconds(),
    };
    if (!model) enc.window = 0;
    log.debug(`trained: ${picked.reason}`);
    const spec: ModelSpec = { info, encoding: enc, intervals: picked.intervals };
    return new EngineForecaster(model, spec, linear);
  } catch (err) {
    model?.dispose();
    throw err;
  }
}
