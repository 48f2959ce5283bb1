// Training kernel, facade: a fused LSTM + dense head trainer (forward, backpropagation through
// time, MAE/MSE loss, Adam) compiled to WebAssembly with SIMD, for the CPU path of
// shared/model/fit.ts. Same network, weight layout and Adam arithmetic as the tfjs model of
// shared/model/network.ts, so the two give the same training steps (test/shared/kernel).
import { WasmLstmTrainer } from './trainer';

export { initKernel, KernelUnavailableError } from './wasm-module';
export { kernelMemoryBytes, WasmLstmTrainer } from './trainer';
export { kernelWasmModule } from './wasm-module';
export { AUTO_CYCLE, batchWork, gradientHelpers, ParallelTrainer, setGradientHelpers, WayChooser, type GradientHelper, type GradientHelperFactory, type HelperSetup, type SplitChoice } from './parallel';

export interface KernelShape {
  /** Input window, in rows (T). */
  window: number;
  /** Inputs per row (F). */
  features: number;
  /** LSTM units (U); any count, multiples of 4 run fastest. */
  units: number;
  /** Forecast steps (H). */
  horizon: number;
  /** The head also reads the flattened window (rows U + T*F, hidden first); else only h_T (rows U). */
  highway: boolean;
}

/** Weights in tfjs's layout, as NetworkWeights in shared/model/network.ts (gate order i, f, c, o). */
export interface KernelWeights {
  /** features x 4*units */
  kernel: Float32Array;
  /** units x 4*units */
  recurrent: Float32Array;
  /** 4*units */
  bias: Float32Array;
  /** head rows x horizon */
  head: Float32Array;
  /** horizon */
  headBias: Float32Array;
}

export interface KernelOptions {
  /** Most windows per trainBatch/predict call; memory is sized for it. Required. */
  maxBatch: number;
  /** Adam learning rate (beta1 0.9, beta2 0.999, epsilon 1e-7, as tf.train.adam). Required. */
  learningRate: number;
  /** `mae` (tfjs meanAbsoluteError) or `mse` (meanSquaredError). Required. */
  loss: 'mae' | 'mse';
}

export interface LstmTrainer {
  /** What runs the arithmetic. */
  readonly backend: 'wasm-simd';
  /** Copies weights in; Adam's moments and step count are kept. */
  setWeights(w: KernelWeights): void;
  /** Copies of the current weights. */
  getWeights(): KernelWeights;
  /**
   * One Adam step on n windows (x: n*T*F row-major, y: n*H); returns the batch loss. A batch
   * whose loss is NaN or infinite changes nothing and returns that loss.
   */
  trainBatch(x: Float32Array, y: Float32Array, n: number): number;
  /** Forecasts of n windows into out (n*H); any n (run in chunks of maxBatch). */
  predict(x: Float32Array, n: number, out: Float32Array): void;
  /** Loss and gradients of n windows, without a step (for tests). */
  gradients(x: Float32Array, y: Float32Array, n: number): { loss: number; grads: KernelWeights };
  /** Releases the wasm instance and memory; the trainer is unusable after. */
  dispose(): void;
}

/**
 * A trainer with zero weights (call setWeights). Throws KernelUnavailableError when WebAssembly
 * SIMD is missing, the module does not instantiate or the shapes are not supported.
 */
export function createLstmTrainer(shape: KernelShape, options: KernelOptions): LstmTrainer {
  return new WasmLstmTrainer(shape, options);
}
