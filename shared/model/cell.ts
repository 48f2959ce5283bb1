// Streaming stage: the LSTM written out in plain TypeScript on Float32Array, with the seed's gate
// names. Runs the trained tfjs weights over one window without calling tfjs, and keeps the last
// step's gate activations for the app to show. Called by stream.ts and the equivalence test.
//   learn  i = sigmoid(W_i x + U_i h + b_i)      forget f = sigmoid(W_f x + U_f h + b_f)
//   remember N = tanh(W_c x + U_c h + b_c)       use    o = sigmoid(W_o x + U_o h + b_o)
//   c = f * c + i * N                            h = o * tanh(c)
// The head reads h of the last step and, as a linear highway, the window itself.
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

  /** Runs the window (window x features, row-major) from a zero state; writes H outputs into `out`. */
  run(input: Float32Array, out: Float32Array): void {
    const { window, features, units: u, horizon } = this.shape;
    const { kernel, recurrent, bias, head, headBias } = this.w;
    const g = this.gates;
    const z = this.z;
    const c = g.cell;
    const h = g.hidden;
    c.fill(0);
    h.fill(0);
    const u4 = 4 * u;
    for (let t = 0; t < window; t++) {
      z.set(bias);
      const xo = t * features;
      for (let k = 0; k < features; k++) {
        const xv = input[xo + k];
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
    // Head: hidden state rows, then the flattened window (the highway).
    out.set(headBias);
    for (let j = 0; j < u; j++) {
      const hv = h[j];
      const row = j * horizon;
      for (let k = 0; k < horizon; k++) out[k] += hv * head[row + k];
    }
    const n = window * features;
    for (let i = 0; i < n; i++) {
      const xv = input[i];
      const row = (u + i) * horizon;
      for (let k = 0; k < horizon; k++) out[k] += xv * head[row + k];
    }
  }
}
