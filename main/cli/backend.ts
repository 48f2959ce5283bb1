// CLI entry stage: picks and initializes the tfjs backend on Node before the engine runs.
// Called by the `forecast` and `evaluate` commands, the engine tests and scripts/bench/engine.ts.
// wasm (SIMD where the CPU has it) first; cpu when wasm cannot start. tfjs-node is not used.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'wasm' | 'cpu';

let wasmPathsSet = false;

/** The folder holding tfjs-backend-wasm's .wasm files, as a file path with a trailing slash. */
export function wasmDir(): string {
  const require = createRequire(__filename);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return `${join(dirname(pkg), 'dist')}/`;
}

/**
 * Selects the tfjs backend. `preferred` defaults to `wasm`; when wasm fails to initialize the
 * cpu backend is used instead. Returns the backend that is active.
 */
export async function initBackend(preferred: NodeBackend = 'wasm'): Promise<NodeBackend> {
  if (preferred === 'wasm') {
    try {
      if (!wasmPathsSet) {
        // A file path, not a URL: with platform fetch off, emscripten reads it with fs (offline).
        setWasmPaths(wasmDir(), false);
        wasmPathsSet = true;
      }
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      // Fall through to cpu: a missing or unloadable .wasm file must not stop the CLI.
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}

/** Whether the active wasm backend uses SIMD (false on cpu). */
export async function wasmSimd(): Promise<boolean> {
  if (tf.getBackend() !== 'wasm') return false;
  return Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
}
