// The page in Chromium with WebGL (SwiftShader) and the backend chosen by hand as WebGL, against
// `sensorcast serve`: training runs on tfjs WebGL as chosen (no speed probe: backend auto, where
// the engine measures the kernel against tfjs, is page.test.ts), and a lost WebGL context stops
// that training, keeps no model and moves to wasm (FAULTS 22).
import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBrowser, type OpenBrowser } from './support/browser';
import { dropFile, pollPage, setNumber } from './support/poll';
import { serve, type Served } from './support/serve';

/** What the page shows: backend, model state, the training line, the model panel, forecasts, toast. */
function view(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const app = (window as unknown as { sensorcastApp?: { chart: { chart: { data: { datasets: { data: { x: number; y: number }[] }[] } } } } }).sensorcastApp;
    const ds = app?.chart.chart.data.datasets ?? [];
    return {
      ready: document.body.dataset.ready,
      backend: document.body.dataset.backend,
      model: document.body.dataset.model,
      actualPoints: (ds[0]?.data ?? []).filter((p) => Number.isFinite(p.y)).length,
      forecastPoints: (ds[4]?.data ?? []).length,
      trainText: text('train-text'),
      modelInfo: text('model-info'),
      subtitle: text('chart-sub'),
      toast: document.getElementById('toast')?.hidden ? '' : text('toast'),
    };
  });
}

type View = Awaited<ReturnType<typeof view>>;


describe('the page in Chromium with the backend chosen by hand: WebGL (SwiftShader)', () => {
  let served: Served;
  let browser: OpenBrowser;
  const until = (what: string, ok: (v: View) => boolean, timeoutMs = 30_000) => pollPage(browser.page, view, what, ok, timeoutMs, 250);

  beforeAll(async () => {
    // The user's manual choice, remembered in the settings.
    served = await serve({ softwareWebgl: true, settings: { epochs: 2, autoTrain: false, backend: 'webgl' } });
    browser = await openBrowser(served.url, { webgl: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('trains with tfjs on WebGL, as chosen', async () => {
    const page = browser.page;
    await until('the page on WebGL', (s) => s.ready === 'true' && s.backend === 'webgl');
    expect(await page.inputValue('#backend')).toBe('webgl');
    // A small file: tfjs on SwiftShader compiles its shaders for these shapes once, for this and the next test.
    await dropFile(page, 'AirPassengers.csv', readFileSync('test/fixtures/series/AirPassengers.csv', 'utf8'));
    await until('the dropped file on the chart', (s) => s.subtitle.startsWith('AirPassengers.csv') && s.actualPoints === 144);
    await setNumber(page, 'horizon', 10);
    await page.click('#train');
    const v = await until('a trained model', (s) => s.model === 'ready' && /^Trained in/.test(s.trainText), 150_000);
    // No probe: the named trainer, without a measured reason.
    expect(v.modelInfo).toMatch(/ on tfjs webgl\. Uses /);
  });

  it('stops training on a lost WebGL context, keeps no model and moves to wasm (FAULTS 22)', async () => {
    const page = browser.page;
    await setNumber(page, 'epochs', 200);
    await page.click('#train');
    await until('training to report an epoch', (s) => /^Epoch/.test(s.trainText), 120_000);
    // Test builds only: the worker loses its context the way a GPU reset does.
    await page.evaluate(() => (window as unknown as { sensorcastApp: { worker: { send(m: unknown): void } } }).sensorcastApp.worker.send({ type: 'test-lose-context' }));
    const v = await until('training to stop', (s) => /context was lost/.test(s.trainText) && s.backend === 'wasm');
    expect(v.model).toBeUndefined();
    expect(v.forecastPoints).toBe(0);
    expect(v.toast).toContain('switched to wasm');
  });

  it('made no request outside the app and logged no errors', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
