// Training kernel, driver: one wasm instance and memory per trainer, sized for the shapes and
// the largest batch once, then reused for every batch (no allocation per step or per batch).
// Weights, gradients and Adam moments live in wasm memory; Adam runs there, as tfjs's does.
// Called through index.ts (createLstmTrainer) by shared/model/fit.ts, the tests and the bench.
import type { KernelOptions, KernelShape, KernelWeights, LstmTrainer } from './index';
import { instantiate, KernelUnavailableError, type KernelExports } from './wasm-module';

const PAGE = 65536;
/** Largest memory a trainer asks for (cfg B at batch 128 needs about 60 MiB). */
const MAX_BYTES = 1 << 30;
/** First byte the kernel's buffers use; the module has no static data below it. */
const BASE = 64;

let liveBytes = 0;

/** Bytes of wasm memory held by trainers not yet disposed (tests assert it returns to 0). */
export function kernelMemoryBytes(): number {
  return liveBytes;
}

// tfjs's Adam holds its constants and the running beta powers as float32 tensors.
const f32 = Math.fround;
const BETA1 = f32(0.9);
const BETA2 = f32(0.999);
const EPSILON = f32(1e-7);

function checkShape(shape: KernelShape, maxBatch: number): void {
  const dims: [string, number][] = [
    ['window', shape.window],
    ['features', shape.features],
    ['units', shape.units],
    ['horizon', shape.horizon],
    ['maxBatch', maxBatch],
  ];
  for (const [name, v] of dims) {
    if (!Number.isInteger(v) || v < 1) throw new KernelUnavailableError('UNSUPPORTED_SHAPE', `the kernel needs ${name} >= 1, got ${v}`);
  }
}

export class WasmLstmTrainer implements LstmTrainer {
  readonly backend = 'wasm-simd' as const;
  private k: KernelExports | null;
  private heap: Float32Array;
  private readonly bytes: number;
  private readonly sections: { name: keyof KernelWeights; offset: number; length: number }[];
  private readonly xLen: number;
  private acc1 = BETA1;
  private acc2 = BETA2;

  constructor(
    private readonly shape: KernelShape,
    private readonly options: KernelOptions,
  ) {
    checkShape(shape, options.maxBatch);
    const { window: t, features: f, units: u, horizon: h, highway } = shape;
    const { exports, memory } = instantiate(1);
    const end = exports.setup(t, f, u, h, highway ? 1 : 0, options.maxBatch, BASE);
    if (end > MAX_BYTES) {
      throw new KernelUnavailableError('UNSUPPORTED_SHAPE', `the kernel would need ${Math.ceil(end / 2 ** 20)} MiB for these shapes (at most ${MAX_BYTES / 2 ** 20}); a smaller batch helps`);
    }
    const pages = Math.ceil(end / PAGE);
    try {
      memory.grow(pages - memory.buffer.byteLength / PAGE);
    } catch (err) {
      throw new KernelUnavailableError('OUT_OF_MEMORY', `the kernel could not get ${Math.ceil(end / 2 ** 20)} MiB: ${String(err)}`);
    }
    this.k = exports;
    this.bytes = memory.buffer.byteLength;
    this.heap = new Float32Array(memory.buffer);
    liveBytes += this.bytes;
    const g = 4 * u;
    const rows = highway ? u + t * f : u;
    const lengths: [keyof KernelWeights, number][] = [
      ['kernel', f * g],
      ['recurrent', u * g],
      ['bias', g],
      ['head', rows * h],
      ['headBias', h],
    ];
    let offset = 0;
    this.sections = lengths.map(([name, length]) => {
      const s = { name, offset, length };
      offset += length;
      return s;
    });
    this.xLen = t * f;
  }

  private live(): KernelExports {
    if (!this.k) throw new Error('the LSTM trainer was disposed');
    return this.k;
  }

  private read(base: number): KernelWeights {
    const out = {} as KernelWeights;
    for (const s of this.sections) out[s.name] = this.heap.slice(base / 4 + s.offset, base / 4 + s.offset + s.length);
    return out;
  }

  setWeights(w: KernelWeights): void {
    const base = this.live().paramsPtr() / 4;
    for (const s of this.sections) {
      const src = w[s.name];
      if (src.length !== s.length) throw new Error(`${s.name}: expected ${s.length} values, got ${src.length}`);
      this.heap.set(src, base + s.offset);
    }
  }

  getWeights(): KernelWeights {
    return this.read(this.live().paramsPtr());
  }

  /** Copies n windows (and targets) in and runs the forward pass; returns the kernel. */
  private load(x: Float32Array, y: Float32Array | null, n: number): KernelExports {
    const k = this.live();
    const { horizon: h } = this.shape;
    if (!Number.isInteger(n) || n < 1 || n > this.options.maxBatch) throw new Error(`batch of ${n} windows: expected 1..${this.options.maxBatch}`);
    if (x.length < n * this.xLen || (y && y.length < n * h)) throw new Error(`batch of ${n} windows: x or y too short`);
    this.heap.set(x.length === n * this.xLen ? x : x.subarray(0, n * this.xLen), k.xPtr() / 4);
    if (y) this.heap.set(y.length === n * h ? y : y.subarray(0, n * h), k.yPtr() / 4);
    k.forward(n);
    return k;
  }

  trainBatch(x: Float32Array, y: Float32Array, n: number): number {
    const loss = this.batchGradients(x, y, n);
    // Why: a NaN/Inf batch must not poison the weights or Adam's moments; skip the step.
    if (Number.isFinite(loss)) this.applyGradients();
    return loss;
  }

  /** Loss of n windows; when finite, their gradients are left in gradientView() (no step). */
  batchGradients(x: Float32Array, y: Float32Array, n: number): number {
    const k = this.load(x, y, n);
    const loss = k.loss(n, this.options.loss === 'mse' ? 1 : 0);
    if (Number.isFinite(loss)) k.backward(n);
    return loss;
  }

  /** One Adam step with the gradients in gradientView(). */
  applyGradients(): void {
    const k = this.live();
    const lr = this.options.learningRate;
    k.adam(lr, BETA1, BETA2, f32(1 - 0.9), f32(1 - 0.999), f32(1 - this.acc1), f32(1 - this.acc2), EPSILON);
    this.acc1 = f32(this.acc1 * BETA1);
    this.acc2 = f32(this.acc2 * BETA2);
  }

  /** The parameters, packed as the module holds them (a view on wasm memory: valid until dispose). */
  paramView(): Float32Array {
    const k = this.live();
    return this.heap.subarray(k.paramsPtr() / 4, k.paramsPtr() / 4 + k.paramCount());
  }

  /** The gradients of the last batchGradients(), same packing as paramView(). */
  gradientView(): Float32Array {
    const k = this.live();
    return this.heap.subarray(k.gradsPtr() / 4, k.gradsPtr() / 4 + k.paramCount());
  }

  gradients(x: Float32Array, y: Float32Array, n: number): { loss: number; grads: KernelWeights } {
    const k = this.load(x, y, n);
    const loss = k.loss(n, this.options.loss === 'mse' ? 1 : 0);
    k.backward(n);
    return { loss, grads: this.read(k.gradsPtr()) };
  }

  predict(x: Float32Array, n: number, out: Float32Array): void {
    const { horizon: h } = this.shape;
    if (out.length < n * h) throw new Error(`predict: out holds ${out.length} values, needs ${n * h}`);
    for (let start = 0; start < n; start += this.options.maxBatch) {
      const m = Math.min(this.options.maxBatch, n - start);
      const k = this.load(x.subarray(start * this.xLen, (start + m) * this.xLen), null, m);
      const p = k.predPtr() / 4;
      out.set(this.heap.subarray(p, p + m * h), start * h);
    }
  }

  dispose(): void {
    if (!this.k) return;
    this.k = null;
    this.heap = new Float32Array(0);
    liveBytes -= this.bytes;
  }
}
