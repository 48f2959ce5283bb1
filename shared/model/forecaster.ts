// Forecasting stage: a trained model (tfjs network + spec) behind the Forecaster interface.
// Made by train.ts and bundle.ts; used by the app, the worker, the CLI and the backtest.
import * as tf from '@tensorflow/tfjs';

import { findChannel, type SeriesTable } from '../table';

import { saveBundle } from './bundle-save';
import { EngineError } from './errors';
import { readNetworkWeights, type NetworkShape, type NetworkWeights } from './network';
import { assembleForecast, prepareWindow } from './predict';
import type { ModelSpec } from './spec';
import { Streamer } from './stream';
import type { ForecastOptions, ForecastResult, Forecaster, ModelBundle, ModelInfo, StreamingForecaster } from './types';

export class EngineForecaster implements Forecaster {
  private disposed = false;
  private readonly weights: NetworkWeights;
  readonly shape: NetworkShape;

  constructor(
    private readonly model: tf.LayersModel,
    readonly spec: ModelSpec,
  ) {
    this.weights = readNetworkWeights(model);
    const { info } = spec;
    this.shape = { window: info.window, features: info.channels.length, units: info.units, horizon: info.horizon };
  }

  get info(): ModelInfo {
    return this.spec.info;
  }

  /** The network's raw output for one encoded window (window x features). */
  predictRaw(input: Float32Array): Float32Array {
    this.assertLive();
    return tf.tidy(() => {
      const x = tf.tensor3d(input, [1, this.shape.window, this.shape.features]);
      return (this.model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
  }

  forecast(recent: SeriesTable, options: ForecastOptions = {}): ForecastResult {
    this.assertLive();
    const w = this.shape.window;
    const columns = this.spec.info.channels.map((c) => {
      const ch = findChannel(recent, c.name);
      if (!ch) throw new EngineError('UNKNOWN_COLUMN', `the data has no column "${c.name}", which the model needs`, `columns are: ${recent.channels.map((x) => x.name).join(', ')}`);
      if (ch.values.length < w) {
        throw new EngineError('SERIES_TOO_SHORT', `the model needs the last ${w} rows, the data has ${ch.values.length}`, 'give more history');
      }
      return ch.values.subarray(ch.values.length - w);
    });
    const prepared = prepareWindow(this.spec, columns);
    const method = options.method ?? this.spec.info.method;
    const out = method === 'lstm' || method === 'ensemble' ? this.predictRaw(prepared.input) : null;
    return assembleForecast(this.spec, method, prepared.z, out);
  }

  stream(options: ForecastOptions = {}): StreamingForecaster {
    this.assertLive();
    return new Streamer(this.spec, this.shape, this.weights, options.method ?? this.spec.info.method);
  }

  toBundle(): Promise<ModelBundle> {
    this.assertLive();
    return saveBundle(this.model, this.spec);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new EngineError('BAD_INPUT', 'this model was disposed');
  }
}
