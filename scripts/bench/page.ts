// Page benchmark (`npm run bench -- page`): frames per second and chart update cost in Debian's
// Chromium at 1,000 samples/s with a 10,000-point live window, idle and while the worker trains;
// and the training kernel in a Web Worker against the same kernel in Node (cfg A epoch, same run).
// Drives `sensorcast serve` (demo source at 1,000 rows/s) through playwright-core. Prints a table
// to stderr and one JSON object of figures as the last stdout line.
// BENCH_PAGE_ONLY=kernel runs only the kernel comparison (page/kernel-in-page.ts).
import { cpus } from 'node:os';

import type { Page } from 'playwright-core';

import { openBrowser } from '../../test/renderer/support/browser';
import { serve } from '../../test/renderer/support/serve';

import { kernelInPage, kernelRow } from './page/kernel-in-page';

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
