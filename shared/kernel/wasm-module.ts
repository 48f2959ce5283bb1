// Training kernel, loading: decodes the embedded wasm (lstm-wasm.generated.ts), compiles it once
// and instantiates it per trainer on its own memory. Sync compile (Node, workers) and an async
// init for the page's main thread, where Chromium refuses sync compiles of modules over 4 KB.
// Called by trainer.ts; fit.ts awaits initKernel() first.
import { LSTM_WASM_BASE64 } from './lstm-wasm.generated';

/** Why the kernel cannot run here; fit.ts falls back to tfjs and prints the message. */
export class KernelUnavailableError extends Error {
  constructor(
    readonly code: 'NO_WASM' | 'COMPILE' | 'INSTANTIATE' | 'UNSUPPORTED_SHAPE' | 'OUT_OF_MEMORY',
    message: string,
  ) {
    super(message);
    this.name = 'KernelUnavailableError';
  }
}

/** The slice of the WebAssembly API the kernel uses (shared/ compiles without DOM or Node types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<WasmModule>;
}

/** The kernel's exports (scripts/kernel/lstm.ts); pointers are byte addresses in its memory. */
export interface KernelExports {
  setup(t: number, f: number, u: number, h: number, highway: number, maxBatch: number, base: number): number;
  paramsPtr(): number;
  gradsPtr(): number;
  paramCount(): number;
  xPtr(): number;
  yPtr(): number;
  predPtr(): number;
  resetAdam(): void;
  forward(n: number): void;
  loss(n: number, mse: number): number;
  backward(n: number): void;
  adam(lr: number, b1: number, b2: number, omb1: number, omb2: number, omAcc1: number, omAcc2: number, eps: number): void;
}

/** The streaming cell's exports (scripts/kernel/cell.ts), on an instance of its own. */
export interface CellExports {
  cellSetup(f: number, u: number, h: number, base: number): number;
  cellWeightsPtr(): number;
  cellBiasPtr(): number;
  cellHeadPtr(): number;
  cellHeadBiasPtr(): number;
  cellInputPtr(): number;
  cellGatesPtr(): number;
  cellOutPtr(): number;
  cellReset(): void;
  cellStep(): void;
  cellHead(): void;
}

const wasmApi = (): WasmApi | undefined => (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | lookup[clean.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

let compiled: WasmModule | null = null;
let failure: KernelUnavailableError | null = null;

function api(): WasmApi {
  const wasm = wasmApi();
  if (!wasm) throw new KernelUnavailableError('NO_WASM', 'WebAssembly is not available here');
  return wasm;
}

function compileError(err: unknown): KernelUnavailableError {
  return new KernelUnavailableError('COMPILE', `the wasm kernel did not compile (WebAssembly SIMD needed): ${err instanceof Error ? err.message : String(err)}`);
}

/** Compiles the kernel without blocking (needed on the page's main thread). Resolves either way; later creates use the result. */
export async function initKernel(): Promise<void> {
  if (compiled || failure) return;
  try {
    compiled = await api().compile(decodeBase64(LSTM_WASM_BASE64));
  } catch (err) {
    failure = err instanceof KernelUnavailableError ? err : compileError(err);
  }
}

function kernelModule(): WasmModule {
  if (compiled) return compiled;
  if (failure) throw failure;
  try {
    compiled = new (api().Module)(decodeBase64(LSTM_WASM_BASE64));
    return compiled;
  } catch (err) {
    const error = err instanceof KernelUnavailableError ? err : compileError(err);
    // Why: Chromium refuses sync compiles on the page's main thread (a RangeError) where an
    // async initKernel() still works; only a real failure is remembered.
    if (!(err instanceof RangeError)) failure = error;
    throw error;
  }
}

/**
 * The compiled kernel module, to post to a helper thread: it instantiates the same compiled code
 * (already optimized by this thread's use) instead of compiling and warming up its own copy.
 */
export function kernelWasmModule(): object {
  return kernelModule();
}

/** A fresh instance on its own memory of `pages` 64 KiB pages. */
export function instantiate(pages: number): { exports: KernelExports & CellExports; memory: WasmMemory } {
  const module = kernelModule();
  try {
    const wasm = api();
    const memory = new wasm.Memory({ initial: pages });
    const instance = new wasm.Instance(module, { env: { memory } });
    return { exports: instance.exports as unknown as KernelExports & CellExports, memory };
  } catch (err) {
    if (err instanceof KernelUnavailableError) throw err;
    // Why: a memory request the engine cannot meet must fall back, not crash the app.
    const oom = err instanceof RangeError;
    throw new KernelUnavailableError(oom ? 'OUT_OF_MEMORY' : 'INSTANTIATE', `the wasm kernel did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
