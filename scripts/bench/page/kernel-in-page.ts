// Page benchmark, kernel part (for scripts/bench/page.ts): cfg A epochs of the training kernel in
// a Chromium Web Worker against the same kernel in Node, alternating, in the same run.
import { createServer } from 'node:http';

import { build } from 'esbuild';

import { createLstmTrainer, initKernel, type KernelShape, type LstmTrainer } from '../../../shared/kernel';

import { openBrowser } from '../../../test/renderer/support/browser';

/** cfg A of the engine bench: window 48, 1 feature, 64 units, H 12, batch 64, 2,048 windows. */
const CFG_A = { shape: { window: 48, features: 1, units: 64, horizon: 12, highway: false }, batch: 64, windows: 2048 };
/** Epochs timed in each place, alternating Node and page (the machine is shared); the best of each. */
const KERNEL_ROUNDS = 3;

/**
 * Seconds of one cfg A epoch (after a warm-up batch) on a trainer from `create`. Self-contained:
 * the page's worker runs it from its source text, so both places run the very same code.
 */
async function kernelEpochSeconds(create: (shape: KernelShape, options: { maxBatch: number; learningRate: number; loss: 'mae' }) => LstmTrainer, cfg: typeof CFG_A): Promise<number> {
  const { shape, batch, windows } = cfg;
  const trainer = create(shape, { maxBatch: batch, learningRate: 0.001, loss: 'mae' });
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const g = 4 * shape.units;
  trainer.setWeights({
    kernel: Float32Array.from({ length: shape.features * g }, next),
    recurrent: Float32Array.from({ length: shape.units * g }, () => next() / 4),
    bias: new Float32Array(g),
    head: Float32Array.from({ length: shape.units * shape.horizon }, () => next() / 10),
    headBias: new Float32Array(shape.horizon),
  });
  const x = Float32Array.from({ length: batch * shape.window * shape.features }, next);
  const y = Float32Array.from({ length: batch * shape.horizon }, next);
  trainer.trainBatch(x, y, batch);
  const batches = windows / batch;
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) trainer.trainBatch(x, y, batch);
  const seconds = (performance.now() - t0) / 1000;
  trainer.dispose();
  return seconds;
}

/** The page side: a module worker script that runs kernelEpochSeconds on the bundled kernel. */
async function kernelWorkerScript(): Promise<string> {
  // The bench runs from the repository root (scripts/bench.mjs sets cwd).
  const root = process.cwd();
  const contents = [
    `import { createLstmTrainer, initKernel } from './shared/kernel';`,
    `const kernelEpochSeconds = ${kernelEpochSeconds.toString()};`,
    `self.onmessage = async (e) => {`,
    `  try { await initKernel(); self.postMessage({ seconds: await kernelEpochSeconds(createLstmTrainer, e.data) }); }`,
    `  catch (err) { self.postMessage({ error: String(err) }); }`,
    `};`,
  ].join('\n');
  const out = await build({ stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'kernel-bench-worker.ts' }, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'warning' });
  return out.outputFiles[0].text;
}

export interface KernelFigures {
  nodeSecondsPerEpoch: number;
  pageSecondsPerEpoch: number;
  /** page / Node; the goal is at most 1.5. */
  ratio: number;
  nodeRuns: number[];
  pageRuns: number[];
  /** The page's worker cannot use threads: not cross-origin isolated (no COEP header). */
  pageCrossOriginIsolated: boolean;
}

/** cfg A epochs on the kernel in Node and in a Chromium Web Worker, alternating. */
export async function kernelInPage(): Promise<KernelFigures> {
  const script = await kernelWorkerScript();
  const html = '<!doctype html><meta charset="utf-8"><title>kernel bench</title><script>window.kernelEpoch = (cfg) => new Promise((resolve) => { const w = new Worker("/worker.js"); w.onmessage = (e) => { w.terminate(); resolve(e.data); }; w.postMessage(cfg); });</script>';
  const server = createServer((req, res) => {
    const js = req.url === '/worker.js';
    res.writeHead(200, { 'Content-Type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await openBrowser(`http://127.0.0.1:${port}/`);
  const nodeRuns: number[] = [];
  const pageRuns: number[] = [];
  try {
    await browser.page.goto(`http://127.0.0.1:${port}/`);
    await initKernel();
    for (let r = 0; r < KERNEL_ROUNDS; r++) {
      nodeRuns.push(await kernelEpochSeconds(createLstmTrainer, CFG_A));
      const result = await browser.page.evaluate((cfg) => (window as unknown as { kernelEpoch(c: unknown): Promise<{ seconds?: number; error?: string }> }).kernelEpoch(cfg), CFG_A);
      if (result.seconds === undefined) throw new Error(`kernel in the page's worker: ${result.error ?? 'no result'}`);
      pageRuns.push(result.seconds);
    }
    const isolated = await browser.page.evaluate(() => (globalThis as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);
    const node = Math.min(...nodeRuns);
    const inPage = Math.min(...pageRuns);
    return { nodeSecondsPerEpoch: node, pageSecondsPerEpoch: inPage, ratio: inPage / node, nodeRuns, pageRuns, pageCrossOriginIsolated: isolated };
  } finally {
    await browser.close();
    server.close();
  }
}

export function kernelRow(k: KernelFigures): string {
  const runs = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(', ');
  return `kernel cfg A epoch: Node ${k.nodeSecondsPerEpoch.toFixed(3)} s, Chromium Web Worker ${k.pageSecondsPerEpoch.toFixed(3)} s, page/Node ${k.ratio.toFixed(2)} (goal <= 1.5; best of ${KERNEL_ROUNDS}, alternating: Node ${runs(k.nodeRuns)}; page ${runs(k.pageRuns)}); the page is ${k.pageCrossOriginIsolated ? '' : 'not '}cross-origin isolated (one thread)\n`;
}
