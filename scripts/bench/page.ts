// Page benchmark (`npm run bench -- page`): frames per second and chart update cost in Debian's
// Chromium at 1,000 samples/s with a 10,000-point live window, idle and while the worker trains;
// and the training kernel in a Web Worker against the same kernel in Node (cfg A epoch, same run).
// Drives `sensorcast serve` (demo source at 1,000 rows/s) through playwright-core. Prints a table
// to stderr and one JSON object of figures as the last stdout line.
// BENCH_PAGE_ONLY=kernel runs only the kernel comparison.
import { createServer } from 'node:http';
import { cpus } from 'node:os';

import { build } from 'esbuild';
import type { Page } from 'playwright-core';

import { createLstmTrainer, initKernel, type KernelShape, type LstmTrainer } from '../../shared/kernel';

import { openBrowser } from '../../test/renderer/support/browser';
import { serve } from '../../test/renderer/support/serve';

const RATE = 1000;
const WINDOW = 10_000;
const MEASURE_MS = 6000;

interface Figures {
  fps: number;
  renderMsMean: number;
  renderMsP95: number;
  renders: number;
  samplesMsPerSecond: number;
  samplesPerSecond: number;
  points: number;
}

/** Counts animation frames and times chart renders and sample handling for `ms`. */
async function measure(page: Page, ms: number): Promise<Figures> {
  return page.evaluate(async (duration) => {
    const app = (window as unknown as { sensorcastApp: { chart: { render(): void }; onSamples(b: unknown): void; store: { chartPoints(): unknown[] } } }).sensorcastApp;
    const renders: number[] = [];
    let samplesMs = 0;
    let samples = 0;
    const render = app.chart.render.bind(app.chart);
    const onSamples = app.onSamples.bind(app);
    app.chart.render = () => {
      const t = performance.now();
      render();
      renders.push(performance.now() - t);
    };
    app.onSamples = (b: unknown) => {
      const t = performance.now();
      onSamples(b);
      samplesMs += performance.now() - t;
      samples += (b as { t: number[] }).t.length;
    };
    let frames = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const tick = () => {
        frames++;
        if (performance.now() - start < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const elapsed = (performance.now() - start) / 1000;
    app.chart.render = render;
    app.onSamples = onSamples;
    const sorted = [...renders].sort((a, b) => a - b);
    return {
      fps: frames / elapsed,
      renderMsMean: renders.reduce((a, b) => a + b, 0) / Math.max(1, renders.length),
      renderMsP95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      renders: renders.length,
      samplesMsPerSecond: samplesMs / elapsed,
      samplesPerSecond: samples / elapsed,
      points: app.store.chartPoints().length,
    };
  }, ms);
}

const FILE_ROWS = 1_000_000;

/** Drops a 1M-row CSV on the page; times until it is charted, then full and zoomed redraws. */
async function bigFile(page: Page): Promise<{ rows: number; chartedMs: number; redrawMs: number; zoomMs: number }> {
  const lines = ['t,value'];
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < FILE_ROWS; i++) lines.push(`${new Date(t0 + i * 1000).toISOString()},${(20 + 5 * Math.sin(i / 300) + ((i * 7919) % 100) / 100).toFixed(2)}`);
  const text = lines.join('\n');
  return page.evaluate(
    async ([csv, rows]) => {
      const app = (window as unknown as { sensorcastApp: { store: { chartPoints(): unknown[] }; chart: { chart: { zoomScale(axis: string, range: { min: number; max: number }, mode: string): void; update(mode: string): void }; resetView(): void; render(): void } } }).sensorcastApp;
      const start = performance.now();
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'big.csv', { type: 'text/csv' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      while (app.store.chartPoints().length !== rows) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const chartedMs = performance.now() - start;
      let t = performance.now();
      app.chart.resetView();
      const redrawMs = performance.now() - t;
      const first = Date.UTC(2026, 0, 1);
      t = performance.now();
      app.chart.chart.zoomScale('x', { min: first + 100_000_000, max: first + 100_000_000 + 3_600_000 }, 'none');
      app.chart.render(); // what the zoom's onZoomComplete does: re-slice the visible range
      const zoomMs = performance.now() - t;
      return { rows, chartedMs, redrawMs, zoomMs };
    },
    [text, FILE_ROWS] as const,
  );
}

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

interface KernelFigures {
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
async function kernelInPage(): Promise<KernelFigures> {
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

function kernelRow(k: KernelFigures): string {
  const runs = (xs: number[]): string => xs.map((x) => x.toFixed(3)).join(', ');
  return `kernel cfg A epoch: Node ${k.nodeSecondsPerEpoch.toFixed(3)} s, Chromium Web Worker ${k.pageSecondsPerEpoch.toFixed(3)} s, page/Node ${k.ratio.toFixed(2)} (goal <= 1.5; best of ${KERNEL_ROUNDS}, alternating: Node ${runs(k.nodeRuns)}; page ${runs(k.pageRuns)}); the page is ${k.pageCrossOriginIsolated ? '' : 'not '}cross-origin isolated (one thread)\n`;
}

async function main(): Promise<void> {
  const kernel = await kernelInPage();
  if (process.env.BENCH_PAGE_ONLY === 'kernel') {
    process.stderr.write(kernelRow(kernel));
    process.stdout.write(`${JSON.stringify({ kernel })}\n`);
    return;
  }
  const served = await serve({ demoRate: RATE, settings: { windowPoints: WINDOW, autoTrain: false, epochs: 200, backend: 'wasm' } });
  const browser = await openBrowser(served.url, { viewport: { width: 1280, height: 800 } });
  try {
    const page = browser.page;
    await page.waitForFunction((n) => {
      const app = (window as unknown as { sensorcastApp?: { store: { chartPoints(): unknown[] } } }).sensorcastApp;
      return document.body.dataset.backend !== undefined && (app?.store.chartPoints().length ?? 0) >= n;
    }, WINDOW * 0.95, { timeout: 60_000 });
    const idle = await measure(page, MEASURE_MS);
    await page.click('#train');
    // The worker is busy from the click on (the first epoch takes a while before it reports).
    await page.waitForFunction(() => (document.getElementById('cancel-train') as HTMLButtonElement).disabled === false, undefined, { timeout: 10_000 });
    await page.waitForTimeout(1000);
    const training = await measure(page, MEASURE_MS);
    const stillTraining = await page.evaluate(() => (document.getElementById('cancel-train') as HTMLButtonElement).disabled === false);
    await page.click('#cancel-train');
    const backend = await page.evaluate(() => document.body.dataset.backend);
    const file = await bigFile(page);
    const rows = [
      ['', 'fps', 'render ms (mean)', 'render ms (p95)', 'renders', 'samples/s in', 'sample handling ms/s', 'points'],
      ...([['idle', idle], ['training', training]] as const).map(([name, f]) => [name, f.fps.toFixed(1), f.renderMsMean.toFixed(2), f.renderMsP95.toFixed(2), String(f.renders), f.samplesPerSecond.toFixed(0), f.samplesMsPerSecond.toFixed(1), String(f.points)]),
    ];
    process.stderr.write(`page: Chromium headless (software canvas), ${cpus().length} cores, demo at ${RATE} rows/s, ${WINDOW}-point window, worker backend ${backend}${stillTraining ? '' : ' (training ended before the measurement did)'}\n`);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 2);
    for (const r of rows) process.stderr.write(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('')}\n`);
    process.stderr.write(`file: ${FILE_ROWS.toLocaleString('en-US')}-row CSV dropped: charted after ${file.chartedMs.toFixed(0)} ms (upload + import + transfer); redraw of all points ${file.redrawMs.toFixed(1)} ms, zoomed redraw ${file.zoomMs.toFixed(1)} ms (decimation)\n`);
    process.stderr.write(kernelRow(kernel));
    process.stdout.write(`${JSON.stringify({ rate: RATE, window: WINDOW, backend, idle, training, trainingCoveredMeasurement: stillTraining, file, kernel })}\n`);
  } finally {
    await browser.close();
    await served.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`page bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
