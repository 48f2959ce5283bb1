// Streaming stage: keeps the last `window` rows and, on every new sample, reruns the plain-TS
// LSTM cell over them (no tfjs call), returning a fresh forecast. Called through
// Forecaster.stream() by the renderer's forecasting worker and the app.
import { LstmCell } from './cell';
import { EngineError } from './errors';
import type { NetworkShape, NetworkWeights } from './network';
import { assembleForecast, prepareWindow } from './predict';
import type { ModelSpec } from './spec';
import type { ForecastMethod, ForecastResult, GateActivations, StreamingForecaster } from './types';

export class Streamer implements StreamingForecaster {
  private readonly cell: LstmCell;
  private readonly rows: Float64Array[];
  private readonly out: Float32Array;
  private count = 0;
  private ran = false;

  constructor(
    private readonly spec: ModelSpec,
    shape: NetworkShape,
    weights: NetworkWeights,
    private readonly method: ForecastMethod,
  ) {
    this.cell = new LstmCell(shape, weights);
    this.rows = spec.info.channels.map(() => new Float64Array(shape.window));
    this.out = new Float32Array(shape.horizon);
  }

  push(values: number[]): ForecastResult | null {
    const f = this.rows.length;
    if (values.length !== f) {
      throw new EngineError('BAD_INPUT', `expected ${f} values per row (${this.spec.info.channels.map((c) => c.name).join(', ')}), got ${values.length}`);
    }
    const w = this.spec.encoding.window;
    // Shift left by one row; windows are small (tens of rows), so a copy is cheaper than indexing a ring.
    for (let j = 0; j < f; j++) {
      const col = this.rows[j];
      col.copyWithin(0, 1);
      col[w - 1] = typeof values[j] === 'number' ? values[j] : NaN;
    }
    if (this.count < w) this.count++;
    if (this.count < w) return null;
    let prepared;
    try {
      prepared = prepareWindow(this.spec, this.rows);
    } catch (err) {
      // A window that is still all missing (or not positive for a log model) gives no forecast yet.
      if (err instanceof EngineError) return null;
      throw err;
    }
    this.cell.run(prepared.input, this.out);
    this.ran = true;
    return assembleForecast(this.spec, this.method, prepared.z, this.out);
  }

  gates(): GateActivations | null {
    if (!this.ran) return null;
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

  reset(): void {
    for (const r of this.rows) r.fill(0);
    this.count = 0;
    this.ran = false;
  }
}
