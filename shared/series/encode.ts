// Data preparation, step 3: the model's view of a window. The target is moved to model space
// (log for wide-ranging positive series), made relative to the window's last value and divided by
// a scale fitted on training data only; the network predicts, per step, the correction to a
// baseline forecast (seasonal naive or naive) in the same units. Covariates are standardized.
// Called by windows.ts (training), shared/model/forecaster.ts and stream.ts (forecasting): both
// paths share this code so the tfjs and plain-TS forecasts see identical inputs.

export type Transform = 'log' | 'none';
export type BaseMethod = 'seasonal-naive' | 'naive';

/** Everything needed to encode a window and decode a forecast; stored in the model bundle. */
export interface EncodingSpec {
  window: number;
  horizon: number;
  period: number;
  transform: Transform;
  base: BaseMethod;
  /** Model-space scale of the target (mean absolute lag-m difference on the training part). */
  targetScale: number;
  covariateMean: number[];
  covariateStd: number[];
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

/** Row offset (from the window's last row) of the baseline value for step h (1-based). */
export function baseLag(spec: Pick<EncodingSpec, 'base' | 'period'>, h: number): number {
  if (spec.base === 'naive' || spec.period <= 1) return 0;
  const m = spec.period;
  return m * Math.ceil(h / m) - h;
}

/** Baseline forecast in model space for the window ending just before row `end`. */
export function baseForecast(spec: EncodingSpec, z: ArrayLike<number>, end: number): number[] {
  const out: number[] = [];
  for (let h = 1; h <= spec.horizon; h++) out.push(z[end - 1 - baseLag(spec, h)]);
  return out;
}

/**
 * Writes the network input for rows [end - window, end) into `out` at `offset`, row-major
 * (window x features). `z` is the target in model space; `covariates` are raw values.
 */
export function encodeWindow(
  spec: EncodingSpec,
  z: ArrayLike<number>,
  covariates: ArrayLike<number>[],
  end: number,
  out: Float32Array,
  offset = 0,
): void {
  const f = 1 + covariates.length;
  const last = z[end - 1];
  const start = end - spec.window;
  for (let t = 0; t < spec.window; t++) {
    const row = start + t;
    const o = offset + t * f;
    out[o] = (z[row] - last) / spec.targetScale;
    for (let j = 0; j < covariates.length; j++) out[o + 1 + j] = (covariates[j][row] - spec.covariateMean[j]) / spec.covariateStd[j];
  }
}

/** Network output (scaled corrections) plus baseline, back in model space. */
export function decodeOutput(spec: EncodingSpec, base: number[], output: ArrayLike<number>): number[] {
  return base.map((b, h) => b + spec.targetScale * output[h]);
}

/** Mean and standard deviation (1 when constant) of each covariate over rows [from, to). */
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
