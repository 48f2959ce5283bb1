// Forecasting stage: a trained model (linear weights, the optional tfjs network, the spec) behind
// the Forecaster interface. Made by train.ts and bundle-load.ts; used by the app, the worker, the
// CLI and the backtest.
import * as tf from '@tensorflow/tfjs';

import { historyRows, lstmFeatures, prefixSums, toModelSpace } from '../series/encode';
import { findChannel, type SeriesTable } from '../table';

import { predictWindows } from './batch-predict';
import { saveBundle } from './bundle-save';
import { EngineError } from './errors';
import { readNetworkWeights, type NetworkShape, type NetworkWeights } from './network';
import { lastRows, linearForecast, methodForecast, networkInput, prepareHistory, toResult } from './predict';
import type { ModelSpec } from './spec';
import { Streamer } from './stream';
import type { ForecastMethod, ForecastOptions, ForecastResult, Forecaster, ModelBundle, ModelInfo, StreamingForecaster } from './types';

/** Windows per tfjs predict call when forecasting from many origins. */
const PREDICT_CHUNK = 1024;

export class EngineForecaster implements Forecaster {
  private disposed = false;
  private readonly weights: NetworkWeights | null;
  readonly shape: NetworkShape | null;

  constructor(
    private readonly model: tf.LayersModel | null,
    readonly spec: ModelSpec,
    readonly linear: Float32Array,
  ) {
    this.weights = model ? readNetworkWeights(model) : null;
    const { info } = spec;
    this.shape = model ? { window: info.window, features: lstmFeatures(spec.encoding), units: info.units, horizon: info.horizon } : null;
  }

  get info(): ModelInfo {
    return this.spec.info;
  }

  /** The network's raw output (scaled corrections) for `n` encoded windows (n x window x features). */
  predictRaw(input: Float32Array, n = 1): Float32Array {
    this.assertLive();
    const { model, shape } = this;
    if (!model || !shape) throw new EngineError('BAD_INPUT', 'this model has no network');
    return tf.tidy(() => {
      const x = tf.tensor3d(input, [n, shape.window, shape.features]);
      return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
  }

  forecast(recent: SeriesTable, options: ForecastOptions = {}): ForecastResult {
    this.assertLive();
    const method = this.methodOf(options);
    const columns = lastRows(this.spec, (name) => findChannel(recent, name)?.values, recent.channels.map((c) => c.name));
    const h = prepareHistory(this.spec, columns);
    const end = h.z.length;
    const enc = this.spec.encoding;
    const lin = method === 'naive' || method === 'seasonal-naive' ? null : linearForecast(enc, this.linear, h.z, end);
    const net = method === 'lstm' || method === 'ensemble' ? this.predictRaw(networkInput(enc, h, end)) : null;
    return toResult(this.spec, method, methodForecast(enc, method, h.z, end, lin, net), h.z, end);
  }

  async forecastFrom(table: SeriesTable, origins: number[], options: { methods?: ForecastMethod[] } = {}): Promise<Partial<Record<ForecastMethod, ForecastResult[]>>> {
    this.assertLive();
    const enc = this.spec.encoding;
    const need = historyRows(enc);
    const methods = options.methods ?? this.spec.info.methods;
    for (const m of methods) if (!this.spec.info.methods.includes(m)) throw new EngineError('BAD_INPUT', `this model has no ${m} forecast`);
    const columns = this.spec.info.channels.map((c) => {
      const ch = findChannel(table, c.name);
      if (!ch) throw new EngineError('UNKNOWN_COLUMN', `the data has no column "${c.name}", which the model needs`);
      return forwardFill(ch.values);
    });
    for (const o of origins) {
      if (!Number.isInteger(o) || o < need || o > columns[0].length) {
        throw new EngineError('BAD_OPTION', `origin ${o} needs ${need} rows of history before it, inside the ${columns[0].length} rows of the data`);
      }
    }
    if (this.spec.info.transform === 'log' && columns[0].some((v) => !(v > 0))) {
      throw new EngineError('BAD_INPUT', `"${this.spec.info.target}" has values <= 0, but the model was trained on the log of a positive series`, 'retrain on this data');
    }
    const z = toModelSpace(columns[0], this.spec.info.transform);
    const hist = { z, covariates: columns.slice(1) };
    const prefix = prefixSums(z);
    const needNet = methods.includes('lstm') || methods.includes('ensemble');
    const out: Partial<Record<ForecastMethod, ForecastResult[]>> = Object.fromEntries(methods.map((m) => [m, []]));
    const H = enc.horizon;
    for (let start = 0; start < origins.length; start += PREDICT_CHUNK) {
      const chunk = origins.slice(start, start + PREDICT_CHUNK);
      let net: Float32Array | null = null;
      if (needNet && this.model && this.shape && this.weights) {
        const size = enc.window * this.shape.features;
        const x = new Float32Array(chunk.length * size);
        chunk.forEach((o, i) => networkInput(enc, hist, o, x, i * size));
        net = await predictWindows(this.model, this.shape, this.weights, x, chunk.length);
      }
      chunk.forEach((o, i) => {
        const lin = linearForecast(enc, this.linear, z, o, prefix);
        const netOut = net ? net.subarray(i * H, (i + 1) * H) : null;
        for (const m of methods) out[m]!.push(toResult(this.spec, m, methodForecast(enc, m, z, o, lin, netOut), z, o));
      });
    }
    return out;
  }

  stream(options: ForecastOptions = {}): StreamingForecaster {
    this.assertLive();
    return new Streamer(this.spec, this.linear, this.shape, this.weights, this.methodOf(options));
  }

  toBundle(): Promise<ModelBundle> {
    this.assertLive();
    return saveBundle(this.model, this.spec, this.linear);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model?.dispose();
  }

  private methodOf(options: ForecastOptions): ForecastMethod {
    const method = options.method ?? this.spec.info.method;
    if (!this.spec.info.methods.includes(method)) {
      throw new EngineError('BAD_INPUT', `this model has no ${method} forecast`, `its methods are: ${this.spec.info.methods.join(', ')}`);
    }
    return method;
  }

  private assertLive(): void {
    if (this.disposed) throw new EngineError('BAD_INPUT', 'this model was disposed');
  }
}

/** Missing values carried forward (never from the future: origins inside a gap see only the past). */
function forwardFill(values: Float64Array): Float64Array {
  const out = Float64Array.from(values);
  let first = out.findIndex((v) => !Number.isNaN(v));
  if (first < 0) first = out.length;
  for (let i = 0; i < first; i++) out[i] = out[first] ?? NaN;
  for (let i = first + 1; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = out[i - 1];
  return out;
}
