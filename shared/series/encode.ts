// Data preparation, step 3: the model's two views of the history before a forecast origin.
//  - The linear context: the last `recent` rows at full resolution plus `blocks` block means of
//    the older history (so a daily or weekly season of thousands of rows costs a few hundred
//    inputs), each relative to the last value and divided by a scale fitted on training data.
//    The linear method maps it to the H steps (shared/model/linear.ts).
//  - The LSTM window: the last `window` rows as (step change, level) of the target plus the
//    standardized covariates. No input depends on the window's last row, so a streaming
//    forecaster carries the LSTM state from one sample to the next (one cell step per sample).
//    The network predicts, per step, the correction to the linear forecast.
// Called by windows.ts (training), shared/model/predict.ts and stream.ts (forecasting): both paths
// share this code so the tfjs and plain-TS forecasts see identical inputs.

/** The baselines live in shared/eval/baselines.ts; re-exported here for predict.ts's import. */

export type Transform = 'log' | 'none';

/** The linear method's inputs: recent rows, then older history as block means. */
export interface ContextSpec {
  /** Rows at full resolution, ending at the forecast origin. */
  recent: number;
  /** Rows per block mean (1 when there are no blocks). */
  block: number;
  /** Block means of the rows before the recent ones, oldest first. */
  blocks: number;
}

/** Everything needed to encode a history and decode a forecast; stored in the model bundle. */
export interface EncodingSpec {
  horizon: number;
  /** Primary season m (seasonal naive); 1 without one. */
  period: number;
  transform: Transform;
  /** Model-space scale of the target (mean absolute lag-m difference on the training part). */
  targetScale: number;
  /** Mean and standard deviation of the target in model space on the training part (the LSTM's level input). */
  levelMean: number;
  levelStd: number;
  context: ContextSpec;
  /** LSTM input rows; 0 when the model has no network. */
  window: number;
  covariateMean: number[];
  covariateStd: number[];
}

/** Rows of history the linear context reads. */
export function contextRows(c: ContextSpec): number {
  return c.recent + c.block * c.blocks;
}

/** Inputs of the linear method. */
export function contextSize(c: ContextSpec): number {
  return c.recent + c.blocks;
}

/** Rows of history a forecast needs: the linear context, the LSTM window (plus one row for its first step change) and a season. */
export function historyRows(spec: Pick<EncodingSpec, 'context' | 'window' | 'period'>): number {
  return Math.max(contextRows(spec.context), spec.window > 0 ? spec.window + 1 : 0, spec.period, 1);
}

/** LSTM input features per row: step change and level of the target, then the covariates. */
export function lstmFeatures(spec: Pick<EncodingSpec, 'covariateMean'>): number {
  return 2 + spec.covariateMean.length;
}

/** `log` when every value is positive and the series spans at least a factor of 3. */
export function chooseTransform(values: ArrayLike<number>): Transform {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > 0 && max / min >= 3 ? 'log' : 'none';
}

export function toModelSpace(values: ArrayLike<number>, transform: Transform): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = transform === 'log' ? Math.log(values[i]) : values[i];
  return out;
}

export function fromModelSpace(z: number, transform: Transform): number {
  return transform === 'log' ? Math.exp(z) : z;
}

/** Mean absolute lag-`lag` difference, skipping missing pairs; NaN when there is no pair. */
export function meanAbsDiff(values: ArrayLike<number>, lag: number, from = 0, to = values.length): number {
  let sum = 0;
  let count = 0;
  for (let i = from + lag; i < to; i++) {
    const d = values[i] - values[i - lag];
    if (!Number.isNaN(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count ? sum / count : NaN;
}

/** Running sums: prefix[i] = z[0] + ... + z[i - 1], for O(1) block means over a long series. */
export function prefixSums(z: ArrayLike<number>): Float64Array {
  const out = new Float64Array(z.length + 1);
  for (let i = 0; i < z.length; i++) out[i + 1] = out[i] + z[i];
  return out;
}

/**
 * Writes the linear context for the origin `end` (the forecast's first row; history is rows
 * before it) into `out` at `offset`. `prefix` (from prefixSums) makes block means O(1); without
 * it they are summed.
 */
export function encodeContext(spec: EncodingSpec, z: ArrayLike<number>, end: number, out: Float32Array | Float64Array, offset = 0, prefix?: Float64Array): void {
  const { recent, block, blocks } = spec.context;
  const last = z[end - 1];
  const s = spec.targetScale;
  const first = end - recent - block * blocks;
  for (let j = 0; j < blocks; j++) {
    const a = first + j * block;
    let sum = 0;
    if (prefix) sum = prefix[a + block] - prefix[a];
    else for (let r = a; r < a + block; r++) sum += z[r];
    out[offset + j] = (sum / block - last) / s;
  }
  const o = offset + blocks;
  for (let i = 0; i < recent; i++) out[o + i] = (z[end - recent + i] - last) / s;
}

/** The linear forecast (scaled, relative to the last value) of one context vector: out = W' x, W is d x H. */
export function applyLinear(weights: ArrayLike<number>, x: ArrayLike<number>, d: number, H: number, out: Float64Array | Float32Array): void {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * H;
    for (let h = 0; h < H; h++) out[h] += xi * weights[row + h];
  }
}

/** One LSTM input row for row `r` (needs row r - 1 of the target) into `out` at `offset`. */
export function encodeRow(spec: EncodingSpec, z: ArrayLike<number>, covariates: ArrayLike<number>[], r: number, out: Float32Array, offset: number): void {
  out[offset] = (z[r] - z[r - 1]) / spec.targetScale;
  out[offset + 1] = (z[r] - spec.levelMean) / spec.levelStd;
  for (let j = 0; j < covariates.length; j++) out[offset + 2 + j] = (covariates[j][r] - spec.covariateMean[j]) / spec.covariateStd[j];
}

/** The LSTM input for rows [end - window, end) into `out` at `offset`, row-major (window x features). */
export function encodeWindow(spec: EncodingSpec, z: ArrayLike<number>, covariates: ArrayLike<number>[], end: number, out: Float32Array, offset = 0): void {
  const f = lstmFeatures(spec);
  const start = end - spec.window;
  for (let t = 0; t < spec.window; t++) encodeRow(spec, z, covariates, start + t, out, offset + t * f);
}

/** Mean and standard deviation (1 when constant) of each column over rows [from, to). */
export function fitStandardization(columns: ArrayLike<number>[], from: number, to: number): { mean: number[]; std: number[] } {
  const mean: number[] = [];
  const std: number[] = [];
  for (const c of columns) {
    let s = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      if (Number.isNaN(c[i])) continue;
      s += c[i];
      n++;
    }
    const m = n ? s / n : 0;
    let v = 0;
    for (let i = from; i < to; i++) if (!Number.isNaN(c[i])) v += (c[i] - m) ** 2;
    const sd = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
    mean.push(m);
    std.push(sd > 1e-12 ? sd : 1);
  }
  return { mean, std };
}
