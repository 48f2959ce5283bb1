// CLI stage, training threads: gradient helpers for the wasm kernel's data-parallel step
// (shared/kernel/parallel.ts) as Node worker threads. Each worker instantiates the compiled kernel
// module posted to it (sharing this thread's optimized code) for the shapes, and per batch part
// reads the parameters and windows from shared memory, runs forward + loss + backward, and writes
// its gradients back. Used by the
// bench (scripts/bench/engine.ts) and, registered with useKernelPool() by the CLI's startBackend
// (main/cli/engine-cli.ts), by every fit of the CLI.
import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';

import { kernelWasmModule, setGradientHelpers, type GradientHelper, type GradientHelperFactory, type KernelOptions, type KernelShape, type SplitChoice } from '../../shared/kernel';

/** Batches under this many multiply-adds (forward + backward) run on one thread: measured on 2 cores, cfg A (1.5e8) ran slower split, cfg B (2.5e9) faster. */
export const DEFAULT_MIN_WORK = 5e8;

interface WorkerSetup {
  /** The compiled kernel (a WebAssembly.Module: workers share its code). */
  module: object;
  shape: KernelShape;
  maxBatch: number;
  mse: boolean;
  buffers: { params: SharedArrayBuffer; x: SharedArrayBuffer; y: SharedArrayBuffer; grads: SharedArrayBuffer };
}

/** What the worker takes from require('node:worker_threads'). */
interface WorkerThreads {
  parentPort: MessagePort | null;
  workerData: unknown;
}

/**
 * The worker's whole program. Self-contained (it runs from its source text, so a bundle needs no
 * second entry file): everything it uses comes from require() and workerData.
 */
function workerProgram(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort, workerData } = require('node:worker_threads') as WorkerThreads;
  const setup = workerData as WorkerSetup;
  const { window: t, features: f, units: u, horizon: h, highway } = setup.shape;
  const wasm = (globalThis as unknown as { WebAssembly: { Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => number> }; Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(p: number): number } } }).WebAssembly;
  const memory = new wasm.Memory({ initial: 1 });
  const k = new wasm.Instance(setup.module, { env: { memory } }).exports;
  const end = k.setup(t, f, u, h, highway ? 1 : 0, setup.maxBatch, 64);
  memory.grow(Math.ceil(end / 65536) - memory.buffer.byteLength / 65536);
  const heap = new Float32Array(memory.buffer);
  const params = new Float32Array(setup.buffers.params);
  const x = new Float32Array(setup.buffers.x);
  const y = new Float32Array(setup.buffers.y);
  const grads = new Float32Array(setup.buffers.grads);
  const np = k.paramCount();
  parentPort!.on('message', (n: number) => {
    heap.set(params, k.paramsPtr() / 4);
    heap.set(x.subarray(0, n * t * f), k.xPtr() / 4);
    heap.set(y.subarray(0, n * h), k.yPtr() / 4);
    k.forward(n);
    const loss = k.loss(n, setup.mse ? 1 : 0);
    if (Number.isFinite(loss)) {
      k.backward(n);
      grads.set(heap.subarray(k.gradsPtr() / 4, k.gradsPtr() / 4 + np));
    }
    parentPort!.postMessage(loss);
  });
  parentPort!.postMessage('ready');
}

class WorkerHelper implements GradientHelper {
  readonly params: Float32Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly grads: Float32Array;
  private pending: { resolve(loss: number): void; reject(err: Error): void } | null = null;

  private constructor(
    private readonly worker: Worker,
    buffers: WorkerSetup['buffers'],
  ) {
    this.params = new Float32Array(buffers.params);
    this.x = new Float32Array(buffers.x);
    this.y = new Float32Array(buffers.y);
    this.grads = new Float32Array(buffers.grads);
    worker.on('message', (loss: number) => {
      const p = this.pending;
      this.pending = null;
      p?.resolve(loss);
    });
    worker.on('error', (err) => {
      const p = this.pending;
      this.pending = null;
      p?.reject(err);
    });
  }

  static async start(shape: KernelShape, options: KernelOptions, paramCount: number): Promise<WorkerHelper> {
    const buffers = {
      params: new SharedArrayBuffer(4 * paramCount),
      x: new SharedArrayBuffer(4 * options.maxBatch * shape.window * shape.features),
      y: new SharedArrayBuffer(4 * options.maxBatch * shape.horizon),
      grads: new SharedArrayBuffer(4 * paramCount),
    };
    const setup: WorkerSetup = { module: kernelWasmModule(), shape, maxBatch: options.maxBatch, mse: options.loss === 'mse', buffers };
    const worker = new Worker(`(${workerProgram.toString()})()`, { eval: true, workerData: setup });
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return new WorkerHelper(worker, buffers);
  }

  run(n: number): Promise<number> {
    if (this.pending) return Promise.reject(new Error('kernel pool: a helper got a second part before the first finished'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(n);
    });
  }

  dispose(): void {
    void this.worker.terminate();
  }
}

/** Starts `count` worker helpers for these shapes. */
export const startKernelWorkers: GradientHelperFactory = async (count, shape, options, paramCount) => {
  const started = await Promise.allSettled(Array.from({ length: count }, () => WorkerHelper.start(shape, options, paramCount)));
  const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const helper of ok) helper.dispose();
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return ok;
};

export interface KernelPoolOptions {
  /** Threads in all, this one included. Default 2. */
  threads?: number;
  /** Least multiply-adds per batch worth splitting. Default DEFAULT_MIN_WORK. */
  minWork?: number;
  /** Where a split batch's parts run: `auto` (default) times both ways as it trains and keeps the faster; `threads` always on the workers. */
  choice?: SplitChoice;
}

/** Training threads by default: this machine's cores, at most 4 (the gain per thread falls as the parts shrink). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Lets fit.ts split big batches across worker threads (threads <= 1 turns it off). */
export function useKernelPool(options: KernelPoolOptions = {}): void {
  const threads = options.threads ?? defaultThreads();
  setGradientHelpers(threads > 1 ? { factory: startKernelWorkers, count: threads - 1, minWork: options.minWork ?? DEFAULT_MIN_WORK, choice: options.choice ?? 'auto' } : null);
}
