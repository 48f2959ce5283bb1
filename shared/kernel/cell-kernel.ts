// Streaming kernel, driver: the LSTM cell's one step per sample and its head on the wasm SIMD
// module (scripts/kernel/cell.ts), on an instance and memory of its own sized once for the
// shapes; no allocation per step. The gates are Float32Array views on that memory. Called by
// shared/model/cell.ts, which keeps a plain-TypeScript step for when wasm cannot run.
import type { KernelWeights } from './index';
import { instantiate, type CellExports } from './wasm-module';

const PAGE = 65536;
const BASE = 64;

export interface CellShape {
  features: number;
  units: number;
  horizon: number;
}

export interface CellGateViews {
  learn: Float32Array;
  forget: Float32Array;
  remember: Float32Array;
  use: Float32Array;
  cell: Float32Array;
  hidden: Float32Array;
}

export class WasmCell {
  readonly gates: CellGateViews;
  private readonly k: CellExports;
  private readonly input: Float32Array;
  private readonly out: Float32Array;

  /** Throws KernelUnavailableError when the module does not compile or instantiate. */
  constructor(shape: CellShape, w: Pick<KernelWeights, 'kernel' | 'recurrent' | 'bias' | 'head' | 'headBias'>) {
    const { features: f, units: u, horizon: h } = shape;
    const { exports, memory } = instantiate(1);
    const end = exports.cellSetup(f, u, h, BASE);
    memory.grow(Math.max(0, Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE));
    const heap = new Float32Array(memory.buffer);
    const up = (u + 3) & ~3;
    const gp = 4 * up;
    const hp = (h + 3) & ~3;
    const g4 = 4 * u;
    // tfjs's [rows, 4U] (gates i, f, c, o side by side) into rows of 4 UP, each gate padded to UP.
    const pw = exports.cellWeightsPtr() / 4;
    const pb = exports.cellBiasPtr() / 4;
    for (let g = 0; g < 4; g++) {
      for (let j = 0; j < u; j++) {
        const col = g * u + j;
        const to = g * up + j;
        heap[pb + to] = w.bias[col];
        for (let r = 0; r < f; r++) heap[pw + r * gp + to] = w.kernel[r * g4 + col];
        for (let r = 0; r < u; r++) heap[pw + (f + r) * gp + to] = w.recurrent[r * g4 + col];
      }
    }
    const pd = exports.cellHeadPtr() / 4;
    for (let r = 0; r < u; r++) heap.set(w.head.subarray(r * h, (r + 1) * h), pd + r * hp);
    heap.set(w.headBias, exports.cellHeadBiasPtr() / 4);
    const pg = exports.cellGatesPtr() / 4;
    const view = (i: number): Float32Array => heap.subarray(pg + i * up, pg + i * up + u);
    this.gates = { learn: view(0), forget: view(1), remember: view(2), use: view(3), cell: view(4), hidden: view(5) };
    this.input = heap.subarray(exports.cellInputPtr() / 4, exports.cellInputPtr() / 4 + f);
    this.out = heap.subarray(exports.cellOutPtr() / 4, exports.cellOutPtr() / 4 + h);
    this.k = exports;
    exports.cellReset();
  }

  resetState(): void {
    this.k.cellReset();
  }

  step(input: ArrayLike<number>, offset: number): void {
    const x = this.input;
    for (let i = 0; i < x.length; i++) x[i] = input[offset + i];
    this.k.cellStep();
  }

  head(out: Float32Array | Float64Array): void {
    this.k.cellHead();
    out.set(this.out);
  }
}
