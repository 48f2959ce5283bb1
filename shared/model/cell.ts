// Streaming stage: the LSTM written out in plain TypeScript on Float32Array, with the seed's gate
// names. Runs the trained tfjs weights over one window without calling tfjs, and keeps the last
// step's gate activations for the app to show. Called by stream.ts and the equivalence test.
//   learn  i = sigmoid(W_i x + U_i h + b_i)      forget f = sigmoid(W_f x + U_f h + b_f)
//   remember N = tanh(W_c x + U_c h + b_c)       use    o = sigmoid(W_o x + U_o h + b_o)
//   c = f * c + i * N                            h = o * tanh(c)
// The head reads h of the last step. `step` is one sample (streaming carries the state on),
// `run` a whole window from a zero state (as tfjs does).
// tfjs stores the four gates side by side in the order i, f, c, o.
import type { NetworkShape, NetworkWeights } from './network';
import type { GateActivations } from './types';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class LstmCell {
  private readonly z: Float32Array;
  readonly gates: GateActivations;

  constructor(
    private readonly shape: NetworkShape,
    private readonly w: NetworkWeights,
  ) {
    const u = shape.units;
    this.z = new Float32Array(4 * u);
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
    this.gates.cell.fill(0);
    this.gates.hidden.fill(0);
  }

  /** One time step on one input row (`features` values from `input` at `offset`); updates the state and the gates. */
  step(input: ArrayLike<number>, offset = 0): void {
    const { features, units: u } = this.shape;
    const { kernel, recurrent, bias } = this.w;
    const g = this.gates;
    const z = this.z;
    const c = g.cell;
    const h = g.hidden;
    const u4 = 4 * u;
    z.set(bias);
    for (let k = 0; k < features; k++) {
      const xv = input[offset + k];
      if (xv === 0) continue;
      const row = k * u4;
      for (let j = 0; j < u4; j++) z[j] += xv * kernel[row + j];
    }
    for (let k = 0; k < u; k++) {
      const hv = h[k];
      if (hv === 0) continue;
      const row = k * u4;
      for (let j = 0; j < u4; j++) z[j] += hv * recurrent[row + j];
    }
    for (let j = 0; j < u; j++) {
      const i = sigmoid(z[j]);
      const f = sigmoid(z[u + j]);
      const n = Math.tanh(z[2 * u + j]);
      const o = sigmoid(z[3 * u + j]);
      c[j] = f * c[j] + i * n;
      h[j] = o * Math.tanh(c[j]);
      g.learn[j] = i;
      g.forget[j] = f;
      g.remember[j] = n;
      g.use[j] = o;
    }
  }

  /** The head on the current hidden state: H outputs into `out`. */
  head(out: Float32Array | Float64Array): void {
    const { units: u, horizon } = this.shape;
    const { head, headBias } = this.w;
    const h = this.gates.hidden;
    out.set(headBias);
    for (let j = 0; j < u; j++) {
      const hv = h[j];
      if (hv === 0) continue;
      const row = j * horizon;
      for (let k = 0; k < horizon; k++) out[k] += hv * head[row + k];
    }
  }

  /** Runs a window (window x features, row-major) from a zero state; writes H outputs into `out`. */
  run(input: Float32Array, out: Float32Array | Float64Array): void {
    const { window, features } = this.shape;
    this.resetState();
    for (let t = 0; t < window; t++) this.step(input, t * features);
    this.head(out);
  }
}
