// Build for the three Electron targets: main (Node), preload (sandboxed), renderer (the page).
// The CLI is bundled separately by scripts/build-cli.mjs (plain Node, no Electron).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** Ship tfjs's .wasm binaries with the page, so the wasm backend never fetches from a CDN. */
function tfjsWasmFiles(): Plugin {
  return {
    name: 'sensorcast-tfjs-wasm',
    apply: 'build',
    writeBundle(options) {
      const from = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
      const dist = join(from, 'dist');
      const to = join(options.dir ?? 'out/renderer', 'wasm');
      mkdirSync(to, { recursive: true });
      for (const file of readdirSync(dist)) {
        if (file.endsWith('.wasm')) copyFileSync(join(dist, file), join(to, file));
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('main/preload/index.ts') },
        // A sandboxed preload cannot `import`; it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [tfjsWasmFiles()],
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
