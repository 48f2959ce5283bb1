// Forecast assembly shared by the tfjs path (forecaster.ts) and the plain-TS path (stream.ts):
// the window in model space, the network input, and the final mean and interval in user units.
import { fillGaps } from '../series/clean';
import { baseForecast, decodeOutput, encodeWindow, fromModelSpace, toModelSpace } from '../series/encode';

import { EngineError } from './errors';
import type { ModelSpec } from './spec';
import type { ForecastMethod, ForecastResult } from './types';

export interface PreparedWindow {
  /** Target in model space, `window` rows. */
  z: Float64Array;
  covariates: Float64Array[];
  /** Network input, window x features. */
  input: Float32Array;
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

/** Model-space window and network input from the last `window` raw rows of each channel. */
export function prepareWindow(spec: ModelSpec, columns: ArrayLike<number>[]): PreparedWindow {
  const { window } = spec.encoding;
  const names = spec.info.channels.map((c) => c.name);
  const filled = columns.map((c, j) => {
    const f = fillAll(c);
    if (Number.isNaN(f[0])) throw new EngineError('ALL_MISSING', `the last ${window} values of "${names[j]}" are all missing`, 'forecast from a stretch with data');
    return f;
  });
  if (spec.info.transform === 'log' && filled[0].some((v) => !(v > 0))) {
    throw new EngineError('BAD_INPUT', `"${names[0]}" has values <= 0, but the model was trained on the log of a positive series`, 'retrain on this data');
  }
  const z = toModelSpace(filled[0], spec.info.transform);
  const covariates = filled.slice(1);
  const input = new Float32Array(window * columns.length);
  encodeWindow(spec.encoding, z, covariates, window, input, 0);
  return { z, covariates, input };
}

/** Mean and interval in user units for `method`; `netOutput` is needed for `lstm` only. */
export function assembleForecast(spec: ModelSpec, method: ForecastMethod, z: Float64Array, netOutput: ArrayLike<number> | null): ForecastResult {
  const enc = spec.encoding;
  let zf: number[];
  if (method === 'lstm' || method === 'ensemble') {
    if (!netOutput) throw new EngineError('BAD_INPUT', 'the LSTM forecast needs the network output');
    const base = baseForecast(enc, z, enc.window);
    zf = decodeOutput(enc, base, netOutput);
    if (method === 'ensemble') zf = zf.map((v, h) => (v + base[h]) / 2);
  } else {
    zf = baseForecast({ ...enc, base: method }, z, enc.window);
  }
  const iv = spec.intervals[method];
  const t = spec.info.transform;
  return {
    mean: zf.map((v) => fromModelSpace(v, t)),
    lower: zf.map((v, h) => fromModelSpace(v + iv.lower[h], t)),
    upper: zf.map((v, h) => fromModelSpace(v + iv.upper[h], t)),
    level: spec.info.level,
  };
}
