// Forecast assembly shared by the tfjs path (forecaster.ts), the plain-TS path (stream.ts), the
// method pick (select.ts) and the backtest: the history in model space, each method's forecast in
// model space, and the final mean and interval in user units.
import { fillGaps } from '../series/clean';
import { baselineForecast } from '../eval/baselines';
import { applyLinear, contextSize, encodeContext, encodeWindow, fromModelSpace, historyRows, lstmFeatures, toModelSpace, type EncodingSpec } from '../series/encode';

import { EngineError } from './errors';
import { intervalScale, type ModelSpec } from './spec';
import type { ForecastMethod, ForecastResult } from './types';

export interface PreparedHistory {
  /** Target in model space, `history` rows. */
  z: Float64Array;
  covariates: Float64Array[];
}

/** Fills every gap of a short column: interpolation inside, nearest value at the ends. */
export function fillAll(values: ArrayLike<number>): Float64Array {
  const out = fillGaps(values, Infinity);
  const first = out.findIndex((v) => !Number.isNaN(v));
  if (first < 0) return out;
  for (let i = 0; i < first; i++) out[i] = out[first];
  for (let i = first + 1; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = out[i - 1];
  return out;
}

/** Model-space history from the last `history` raw rows of each channel (gaps filled). */
export function prepareHistory(spec: ModelSpec, columns: ArrayLike<number>[]): PreparedHistory {
  const names = spec.info.channels.map((c) => c.name);
  const filled = columns.map((c, j) => {
    const f = fillAll(c);
    if (Number.isNaN(f[0])) throw new EngineError('ALL_MISSING', `the last ${c.length} values of "${names[j]}" are all missing`, 'forecast from a stretch with data');
    return f;
  });
  if (spec.info.transform === 'log' && filled[0].some((v) => !(v > 0))) {
    throw new EngineError('BAD_INPUT', `"${names[0]}" has values <= 0, but the model was trained on the log of a positive series`, 'retrain on this data');
  }
  return { z: toModelSpace(filled[0], spec.info.transform), covariates: filled.slice(1) };
}

/** The LSTM input (window x features) for the origin `end` of a prepared history. */
export function networkInput(enc: EncodingSpec, h: PreparedHistory, end: number, out = new Float32Array(enc.window * lstmFeatures(enc)), offset = 0): Float32Array {
  encodeWindow(enc, h.z, h.covariates, end, out, offset);
  return out;
}

/** The linear forecast in model space for the origin `end`. */
export function linearForecast(enc: EncodingSpec, linear: ArrayLike<number>, z: ArrayLike<number>, end: number, prefix?: Float64Array): Float64Array {
  const d = contextSize(enc.context);
  const x = new Float64Array(d);
  const out = new Float64Array(enc.horizon);
  encodeContext(enc, z, end, x, 0, prefix);
  applyLinear(linear, x, d, enc.horizon, out);
  const last = z[end - 1];
  for (let h = 0; h < out.length; h++) out[h] = last + enc.targetScale * out[h];
  return out;
}

/**
 * One method's forecast in model space for the origin `end`. `lin` is the linear forecast (needed
 * for linear, lstm and ensemble) and `netOutput` the network's correction (lstm and ensemble).
 */
export function methodForecast(enc: EncodingSpec, method: ForecastMethod, z: ArrayLike<number>, end: number, lin: ArrayLike<number> | null, netOutput: ArrayLike<number> | null): number[] {
  const H = enc.horizon;
  if (method === 'seasonal-naive' || method === 'naive') return baselineForecast(method, enc.period, H, z, end);
  if (!lin) throw new EngineError('BAD_INPUT', `the ${method} forecast needs the linear forecast`);
  if (method === 'linear') return Array.from(lin);
  if (!netOutput) throw new EngineError('BAD_INPUT', `the ${method} forecast needs the network output`);
  const out: number[] = [];
  for (let h = 0; h < H; h++) {
    const lstm = lin[h] + enc.targetScale * netOutput[h];
    out.push(method === 'ensemble' ? (lstm + lin[h]) / 2 : lstm);
  }
  return out;
}

/** Mean and interval in user units from a model-space forecast made at the origin `end` of the history `z`. */
export function toResult(spec: ModelSpec, method: ForecastMethod, zf: ArrayLike<number>, z: ArrayLike<number>, end: number): ForecastResult {
  const iv = spec.intervals[method];
  if (!iv) throw new EngineError('BAD_INPUT', `this model has no ${method} forecast`, `its methods are: ${spec.info.methods.join(', ')}`);
  const t = spec.info.transform;
  const k = intervalScale(iv, z, end, spec.encoding.targetScale);
  const mean: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let h = 0; h < zf.length; h++) {
    mean.push(fromModelSpace(zf[h], t));
    lower.push(fromModelSpace(zf[h] + k * iv.lower[h], t));
    upper.push(fromModelSpace(zf[h] + k * iv.upper[h], t));
  }
  return { mean, lower, upper, level: spec.info.level };
}

/** The last rows of each model channel that a forecast needs, by name, from a table's columns. */
export function lastRows(spec: ModelSpec, find: (name: string) => Float64Array | undefined, available: string[]): Float64Array[] {
  const need = historyRows(spec.encoding);
  return spec.info.channels.map((c) => {
    const values = find(c.name);
    if (!values) throw new EngineError('UNKNOWN_COLUMN', `the data has no column "${c.name}", which the model needs`, `columns are: ${available.join(', ')}`);
    if (values.length < need) {
      throw new EngineError('SERIES_TOO_SHORT', `the model needs the last ${need} rows, the data has ${values.length}`, 'give more history');
    }
    return values.subarray(values.length - need);
  });
}
