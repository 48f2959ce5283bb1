// The worker's tfjs backend choice: WebGL (OffscreenCanvas) when it works, else wasm with the
// .wasm files shipped in out/renderer/wasm, else cpu; or the user's manual choice. And which
// LSTM trainer that choice asks the engine for. Callers: forecast-worker.ts.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import type { BackendChoice } from '../../../shared/api/contract';
import type { TrainOptions } from '../../../shared/model';

import type { BackendName } from './messages';

let wasmPathSet = false;

async function tryBackend(name: BackendName): Promise<void> {
  if (name === 'wasm' && !wasmPathSet) {
    // Why: from the app itself, never a CDN (offline installs; CSP connect-src 'self').
    setWasmPaths(new URL('../wasm/', self.location.href).href);
    wasmPathSet = true;
  }
  if (name === 'webgl' && typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in this worker');
  const okSet = await tf.setBackend(name);
  if (!okSet) throw new Error(`tfjs could not initialize ${name}`);
  await tf.ready();
  // A real op, read back: a backend that initializes but computes garbage is not usable.
  const probe = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
  const values = await probe.data();
  probe.dispose();
  if (values[0] !== 4 || values[1] !== 6) throw new Error(`${name} computed a wrong result`);
}

/** Picks and initializes a backend; returns which, and why the better ones were skipped. */
export async function chooseBackend(choice: BackendChoice, softwareWebgl: boolean): Promise<{ backend: BackendName; tried: { backend: BackendName; error: string }[] }> {
  // Test builds only: SwiftShader WebGL is what headless Chromium has here.
  if (softwareWebgl) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  const order: BackendName[] = choice === 'auto' ? ['webgl', 'wasm', 'cpu'] : [choice, ...(['webgl', 'wasm', 'cpu'] as BackendName[]).filter((b) => b !== choice)];
  const tried: { backend: BackendName; error: string }[] = [];
  for (const name of order) {
    try {
      await tryBackend(name);
      return { backend: name, tried };
    } catch (err) {
      tried.push({ backend: name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`no tfjs backend works here: ${tried.map((t) => `${t.backend}: ${t.error}`).join('; ')}`);
}

/**
 * The engine's trainer for the user's choice and the backend it got: webgl chosen by hand trains
 * with tfjs on WebGL; auto lets the engine measure the kernel against tfjs (on WebGL); wasm, cpu
 * and a webgl choice that did not start train on the kernel (tfjs where it cannot run).
 */
export function trainerFor(choice: BackendChoice, backend: BackendName): TrainOptions['trainer'] {
  if (choice === 'auto') return 'auto';
  return choice === 'webgl' && backend === 'webgl' ? 'tfjs' : 'kernel';
}

/** True when the WebGL backend's context is lost (FAULTS 22). */
export function webglContextLost(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  return gl ? gl.isContextLost() : false;
}
