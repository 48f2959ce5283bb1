// Streaming stage: a forecast per new sample at a cost that does not grow with the history. The
// LSTM state is carried from one sample to the next (its inputs are step changes and levels, not
// values relative to the newest one), so a sample costs one cell step plus the head; the linear
// context is kept in rings with running sums (its block means are O(1) each). No tfjs call and no
// allocation per sample: the returned result is reused by the next push (copy it to keep it).
// Called through Forecaster.stream() by the renderer's forecasting worker and the app.
import { contextRows, fromModelSpace, historyRows, lstmFeatures } from '../series/encode';

import { LstmCell } from './cell';
import { EngineError } from './errors';
import type { NetworkShape, NetworkWeights } from './network';
import { shrunkScale, type ModelSpec } from './spec';
import type { ForecastMethod, ForecastResult, GateActivations, StreamingForecaster } from './types';

export class Streamer implements StreamingForecaster {
  private readonly cell: LstmCell | null;
  private readonly need: number;
  private readonly z: Float64Array;
  /** cum[(r + 1) % size]: sum of z over rows 0..r (cum of row -1 is 0). */
  private readonly cum: Float64Array;
  private readonly last: Float64Array;
  private readonly row: Float32Array;
  private readonly ctx: Float64Array;
  private readonly lin: Float64Array;
  private readonly net: Float32Array;
  private readonly result: ForecastResult;
  private count = 0;
  private ran = false;

  constructor(
    private readonly spec: ModelSpec,
    private readonly linear: Float32Array,
    shape: NetworkShape | null,
    weights: NetworkWeights | null,
    private readonly method: ForecastMethod,
  ) {
    const enc = spec.encoding;
    const H = enc.horizon;
    // The cell runs whenever the model has a network, so the gates panel shows it whatever the pick.
    this.cell = shape && weights ? new LstmCell(shape, weights) : null;
    this.need = historyRows(enc);
    this.z = new Float64Array(this.need);
    this.cum = new Float64Array(this.need + 1);
    this.last = new Float64Array(spec.info.channels.length).fill(NaN);
    this.row = new Float32Array(lstmFeatures(enc));
    this.ctx = new Float64Array(enc.context.recent + enc.context.blocks);
    this.lin = new Float64Array(H);
    this.net = new Float32Array(H);
    this.result = { mean: new Array<number>(H).fill(0), lower: new Array<number>(H).fill(0), upper: new Array<number>(H).fill(0), level: spec.info.level };
  }

  push(values: number[]): ForecastResult | null {
    const f = this.last.length;
    if (values.length !== f) {
      throw new EngineError('BAD_INPUT', `expected ${f} values per row (${this.spec.info.channels.map((c) => c.name).join(', ')}), got ${values.length}`);
    }
    const enc = this.spec.encoding;
    const log = this.spec.info.transform === 'log';
    // A missing value (or a non-positive one for a log model) carries the last one forward.
    for (let j = 0; j < f; j++) {
      const v = values[j];
      const ok = typeof v === 'number' && Number.isFinite(v) && (j > 0 || !log || v > 0);
      if (ok) this.last[j] = j === 0 && log ? Math.log(v) : v;
      else if (j > 0 && Number.isNaN(this.last[j])) this.last[j] = enc.covariateMean[j - 1];
    }
    if (Number.isNaN(this.last[0])) return null;
    const n = this.need;
    const r = this.count;
    const zr = this.last[0];
    this.z[r % n] = zr;
    this.cum[(r + 1) % (n + 1)] = this.cum[r % (n + 1)] + zr;
    this.count++;
    const cell = this.cell;
    if (cell && r >= n - enc.window) {
      if (r === n - enc.window) cell.resetState();
      const row = this.row;
      row[0] = (zr - this.z[(r - 1) % n]) / enc.targetScale;
      row[1] = (zr - enc.levelMean) / enc.levelStd;
      for (let j = 1; j < f; j++) row[1 + j] = (this.last[j] - enc.covariateMean[j - 1]) / enc.covariateStd[j - 1];
      cell.step(row);
      this.ran = true;
    }
    if (this.count < n) return null;
    this.forecastNow(r);
    return this.result;
  }

  /** Fills `result` for the origin after row `r` (the newest). */
  private forecastNow(r: number): void {
    const enc = this.spec.encoding;
    const H = enc.horizon;
    const n = this.need;
    const z = this.z;
    const lastZ = z[r % n];
    const zf = this.lin;
    const method = this.method;
    if (method === 'naive' || method === 'seasonal-naive') {
      const m = method === 'naive' ? 1 : Math.max(1, Math.min(enc.period, n));
      for (let h = 0; h < H; h++) zf[h] = z[(r + 1 - m + (h % m)) % n];
    } else {
      this.linearForecast(r, lastZ);
      if (method === 'lstm' || method === 'ensemble') {
        this.cell!.head(this.net);
        const k = method === 'ensemble' ? 0.5 : 1;
        for (let h = 0; h < H; h++) zf[h] += k * enc.targetScale * this.net[h];
      }
    }
    const iv = this.spec.intervals[method]!;
    const t = this.spec.info.transform;
    const k = iv.scaleRows ? this.localScale(r, iv.scaleRows) : 1;
    const { mean, lower, upper } = this.result;
    for (let h = 0; h < H; h++) {
      mean[h] = fromModelSpace(zf[h], t);
      lower[h] = fromModelSpace(zf[h] + k * iv.lower[h], t);
      upper[h] = fromModelSpace(zf[h] + k * iv.upper[h], t);
    }
  }

  /** spec.ts localScale over the ring: the mean absolute step change of the `rows` rows up to row `r`. */
  private localScale(r: number, rows: number): number {
    const n = this.need;
    const z = this.z;
    let sum = 0;
    let count = 0;
    for (let t = Math.max(1, r + 1 - rows); t <= r; t++) {
      const d = z[t % n] - z[(t - 1) % n];
      if (Number.isFinite(d)) {
        sum += Math.abs(d);
        count++;
      }
    }
    return shrunkScale(count ? sum / count : 0, this.spec.encoding.targetScale);
  }

  /** Linear forecast (model space) into `lin`, from the rings. */
  private linearForecast(r: number, lastZ: number): void {
    const enc = this.spec.encoding;
    const { recent, block, blocks } = enc.context;
    const H = enc.horizon;
    const n = this.need;
    const s = enc.targetScale;
    const x = this.ctx;
    const cum = this.cum;
    const size = n + 1;
    // Block j covers rows [a, a + block), a = r + 1 - contextRows + j * block.
    const first = r + 1 - contextRows(enc.context);
    for (let j = 0; j < blocks; j++) {
      const a = first + j * block;
      const sum = cum[(a + block) % size] - cum[a % size];
      x[j] = (sum / block - lastZ) / s;
    }
    for (let i = 0; i < recent; i++) x[blocks + i] = (this.z[(r + 1 - recent + i) % n] - lastZ) / s;
    const lin = this.lin;
    lin.fill(0);
    const W = this.linear;
    const d = x.length;
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      const row = i * H;
      for (let h = 0; h < H; h++) lin[h] += xi * W[row + h];
    }
    for (let h = 0; h < H; h++) lin[h] = lastZ + s * lin[h];
  }

  gates(): GateActivations | null {
    if (!this.ran || !this.cell) return null;
    const g = this.cell.gates;
    return {
      forget: g.forget.slice(),
      learn: g.learn.slice(),
      remember: g.remember.slice(),
      use: g.use.slice(),
      cell: g.cell.slice(),
      hidden: g.hidden.slice(),
    };
  }

  waiting(): number {
    return Math.max(0, this.need - this.count);
  }

  reset(): void {
    this.count = 0;
    this.ran = false;
    this.last.fill(NaN);
    this.cum[0] = 0;
    this.cell?.resetState();
  }
}
