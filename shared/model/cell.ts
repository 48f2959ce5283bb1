// Streaming stage: the LSTM written out in plain TypeScript, with the seed's gate names. Runs the
// trained tfjs weights one sample at a time without calling tfjs, and keeps the last step's gate
// activations for the app to show. Called by stream.ts and the equivalence test.
//   learn  i = sigmoid(W_i x + U_i h + b_i)      forget f = sigmoid(W_f x + U_f h + b_f)
//   remember N = tanh(W_c x + U_c h + b_c)       use    o = sigmoid(W_o x + U_o h + b_o)
//   c = f * c + i * N                            h = o * tanh(c)
// The head reads h of the last step. `step` is one sample (streaming carries the state on),
// `run` a whole window from a zero state (as tfjs does).
// Speed (one step per sample, ~17k multiply-adds at 64 units): the step and head run on the wasm
// SIMD kernel (shared/kernel/cell-kernel.ts) where it instantiates; else in TypeScript, on the
// weights repacked once into rows per unit ([x, h] by the four gates interleaved), one pass over
// contiguous memory with four float64 accumulators. Neither allocates per step.
import { KernelUnavailableError } from '../kernel';
import { WasmCell } from '../kernel/cell-kernel';

import type { NetworkShape, NetworkWeights } from './network';
import type { GateActivations } from './types';

/** The wasm cell, or null where the module does not compile or instantiate here. */
function wasmCell(shape: NetworkShape, weights: NetworkWeights): WasmCell | null {
  try {
    return new WasmCell(shape, weights);
  } catch (err) {
    // Why: streaming must go on without wasm (no SIMD, a refused compile); the TypeScript step is the same cell.
    if (err instanceof KernelUnavailableError) return null;
    throw err;
  }
}

export interface LstmCellOptions {
  /** Run on the wasm SIMD kernel when it instantiates (else TypeScript). Default true. */
  wasm?: boolean;
}

export class LstmCell {
  /** The wasm step, or null: the TypeScript one runs. */
  private readonly kernel: WasmCell | null;
  /** TypeScript step: per unit j, per input k of [x, h_prev], the gates i, f, c, o: w[((j * D) + k) * 4 + g]. */
  private readonly w: Float32Array;
  /** Per unit j, the biases of i, f, c, o. */
  private readonly b: Float64Array;
  /** Head transposed: headT[k * units + j]. */
  private readonly headT: Float64Array;
  private readonly headBias: Float64Array;
  /** [x, h_prev] of the step being computed (D = features + units). */
  private readonly v: Float64Array;
  private readonly features: number;
  private readonly units: number;
  private readonly horizon: number;
  private readonly window: number;
  readonly gates: GateActivations;
  /** Where the step runs. */
  readonly runsOn: 'wasm SIMD' | 'TypeScript';

  constructor(shape: NetworkShape, weights: NetworkWeights, options: LstmCellOptions = {}) {
    const { features: f, units: u, horizon: hz } = shape;
    const d = f + u;
    const g4 = 4 * u;
    this.features = f;
    this.units = u;
    this.horizon = hz;
    this.window = shape.window;
    this.kernel = options.wasm === false ? null : wasmCell(shape, weights);
    this.runsOn = this.kernel ? 'wasm SIMD' : 'TypeScript';
    if (this.kernel) {
      // The TypeScript step's buffers are not needed.
      this.w = new Float32Array(0);
      this.b = this.headT = this.headBias = this.v = new Float64Array(0);
      this.gates = this.kernel.gates;
      return;
    }
    this.w = new Float32Array(u * d * 4);
    this.b = new Float64Array(g4);
    for (let j = 0; j < u; j++) {
      for (let g = 0; g < 4; g++) {
        // tfjs stores the four gates side by side in the order i, f, c, o.
        const col = g * u + j;
        this.b[j * 4 + g] = weights.bias[col];
        for (let k = 0; k < f; k++) this.w[(j * d + k) * 4 + g] = weights.kernel[k * g4 + col];
        for (let k = 0; k < u; k++) this.w[(j * d + f + k) * 4 + g] = weights.recurrent[k * g4 + col];
      }
    }
    this.headT = new Float64Array(hz * u);
    for (let j = 0; j < u; j++) for (let k = 0; k < hz; k++) this.headT[k * u + j] = weights.head[j * hz + k];
    this.headBias = Float64Array.from(weights.headBias);
    this.v = new Float64Array(d);
    this.gates = {
      forget: new Float32Array(u),
      learn: new Float32Array(u),
      remember: new Float32Array(u),
      use: new Float32Array(u),
      cell: new Float32Array(u),
      hidden: new Float32Array(u),
    };
  }

  /** Zero state: the start of a window. */
  resetState(): void {
    if (this.kernel) return this.kernel.resetState();
    this.gates.cell.fill(0);
    this.gates.hidden.fill(0);
  }

  /** One time step on one input row (`features` values from `input` at `offset`); updates the state and the gates. */
  step(input: ArrayLike<number>, offset = 0): void {
    if (this.kernel) return this.kernel.step(input, offset);
    const f = this.features;
    const u = this.units;
    const d = f + u;
    const w = this.w;
    const b = this.b;
    const v = this.v;
    const { learn, forget, remember, use, cell, hidden } = this.gates;
    for (let k = 0; k < f; k++) v[k] = input[offset + k];
    for (let k = 0; k < u; k++) v[f + k] = hidden[k];
    for (let j = 0, p = 0; j < u; j++) {
      let zi = b[j * 4];
      let zf = b[j * 4 + 1];
      let zc = b[j * 4 + 2];
      let zo = b[j * 4 + 3];
      for (let k = 0; k < d; k++, p += 4) {
        const x = v[k];
        zi += x * w[p];
        zf += x * w[p + 1];
        zc += x * w[p + 2];
        zo += x * w[p + 3];
      }
      const i = 1 / (1 + Math.exp(-zi));
      const fg = 1 / (1 + Math.exp(-zf));
      const n = Math.tanh(zc);
      const o = 1 / (1 + Math.exp(-zo));
      const c = fg * cell[j] + i * n;
      cell[j] = c;
      hidden[j] = o * Math.tanh(c);
      learn[j] = i;
      forget[j] = fg;
      remember[j] = n;
      use[j] = o;
    }
  }

  /** The head on the current hidden state: H outputs into `out`. */
  head(out: Float32Array | Float64Array): void {
    if (this.kernel) return this.kernel.head(out);
    const u = this.units;
    const hz = this.horizon;
    const h = this.gates.hidden;
    const wt = this.headT;
    for (let k = 0, p = 0; k < hz; k++) {
      let acc = this.headBias[k];
      for (let j = 0; j < u; j++, p++) acc += h[j] * wt[p];
      out[k] = acc;
    }
  }

  /** Runs a window (window x features, row-major) from a zero state; writes H outputs into `out`. */
  run(input: Float32Array, out: Float32Array | Float64Array): void {
    this.resetState();
    for (let t = 0; t < this.window; t++) this.step(input, t * this.features);
    this.head(out);
  }
}
