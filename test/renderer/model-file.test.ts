// Models as files in browser mode (issue 13 item 5), in Debian's Chromium: a model trained and
// saved in the page downloads from the model panel as one `<name>.sensorcast-model.json` file,
// "Load from file…" reads that file back, saves it under a fresh name and loads it, and it
// forecasts what the saved model forecast. A file that is not a model is refused and saves nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { dropFile, pollPage } from './support/poll';

const NOTTEM = 'test/fixtures/series/nottem.csv';

async function read(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const app = (window as unknown as { sensorcastApp?: { chart: { chart: { data: { datasets: { data: { x: number; y: number }[] }[] }; scales: Record<string, { min: number; max: number }> } } } }).sensorcastApp;
    const sets = app?.chart.chart.data.datasets ?? [];
    const toast = document.getElementById('toast');
    return {
      ready: document.body.dataset.ready,
      model: document.body.dataset.model,
      subtitle: text('chart-sub'),
      trainText: text('train-text'),
      name: (document.getElementById('model-name') as HTMLInputElement | null)?.value ?? '',
      models: [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].map((o) => o.value),
      chosen: (document.getElementById('model-list') as HTMLSelectElement | null)?.value ?? '',
      downloadShown: !(document.getElementById('download-model') as HTMLButtonElement).hidden,
      forecast: (app?.chart.chart.data.datasets[4]?.data ?? []).map((p) => p.y).filter((y) => Number.isFinite(y)),
      toast: toast?.hidden ? '' : text('toast'),
      toastCode: toast?.hidden ? '' : (toast?.dataset.code ?? ''),
      /** The x range in view, and the x of every actual row and forecast step. */
      xRange: app ? [app.chart.chart.scales.x.min, app.chart.chart.scales.x.max] : [],
      actualXs: (sets[0]?.data ?? []).map((p) => p.x),
      forecastXs: (sets[4]?.data ?? []).map((p) => p.x),
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 30_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 200);

/** Chooses `path` in the file dialog that "Load from file…" opens. */
async function loadFromFile(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#load-model-file')]);
  await chooser.setFiles(path);
}

const hideToast = (page: Page) => page.evaluate(() => ((document.getElementById('toast') as HTMLElement).hidden = true));

describe('models as files in browser mode (Chromium, tfjs wasm)', () => {
  let served: Served;
  let browser: OpenBrowser;

  beforeAll(async () => {
    served = await serve({ settings: { autoTrain: false, epochs: 4, horizon: 6, backend: 'wasm' } });
    browser = await openBrowser(served.url);
    await until(browser.page, 'the page', (v) => v.ready === 'true');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('downloads a saved model as one file, loads it back under a fresh name, and it forecasts as before', async () => {
    const page = browser.page;
    await dropFile(page, 'nottem.csv', readFileSync(NOTTEM, 'utf8'));
    await until(page, 'the file on the chart', (v) => v.subtitle.startsWith('nottem.csv'));
    await page.click('#train');
    let v = await until(page, 'training to end', (s) => /^Trained in/.test(s.trainText) && s.forecast.length === 6, 120_000);
    const trained = v.forecast;
    expect(v.name).toBe('value-h6');
    // The 6 steps ahead of 240 rows would be a sliver: the chart shows them and the 200 rows before.
    v = await until(page, 'the forecast in view', (s) => s.xRange[1] === s.forecastXs[5]);
    expect(v.xRange).toEqual([v.actualXs[240 - 200], v.forecastXs[5]]);
    await page.click('#reset-zoom');
    v = await until(page, 'the whole file again', (s) => s.xRange[0] === s.actualXs[0]);
    expect(v.xRange).toEqual([v.actualXs[0], v.forecastXs[5]]);
    await hideToast(page);
    await page.click('#save-model');
    v = await until(page, 'the saved model', (s) => s.toast === 'Model "value-h6" saved.' && s.chosen === 'value-h6');
    expect(v.downloadShown).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
    expect(download.suggestedFilename()).toBe('value-h6.sensorcast-model.json');
    const path = join('test-results', 'value-h6.sensorcast-model.json');
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; version: number; name: string; manifest: { spec: { info: { target: string } } }; weights: string };
    expect(file).toMatchObject({ format: 'sensorcast-model', version: 1, name: 'value-h6' });
    expect(file.manifest.spec.info.target).toBe('value');
    expect(Buffer.from(file.weights, 'base64').byteLength).toBeGreaterThan(1000);

    await hideToast(page);
    await loadFromFile(page, path);
    v = await until(page, 'the model loaded from the file', (s) => s.trainText === 'Model loaded.' && s.name === 'value-h6-2' && s.forecast.length === 6);
    expect(v.models).toEqual(expect.arrayContaining(['value-h6', 'value-h6-2']));
    expect(v.chosen).toBe('value-h6-2');
    expect(v.model).toBe('ready');
    expect(v.forecast).toEqual(trained);
    expect(existsSync(join(served.dataDir, 'models', 'value-h6-2', 'model.json'))).toBe(true);
    await page.screenshot({ path: join('test-results', 'model-file.png') });
    expect(browser.errors).toEqual([]);
  });

  it('refuses a file that is not a model, says why and saves nothing', async () => {
    const page = browser.page;
    const before = (await read(page)).models;
    const bad = join('test-results', 'not-a-model.sensorcast-model.json');
    writeFileSync(bad, JSON.stringify({ format: 'sensorcast-model', version: 1, name: '../evil', manifest: {}, weights: 'AAAA' }));
    await hideToast(page);
    await loadFromFile(page, bad);
    let v = await until(page, 'the refusal', (s) => s.toast !== '');
    expect(v.toastCode).toBe('bad-model-file');
    expect(v.toast).toContain('This file is not a sensorcast model (name:');
    writeFileSync(bad, 'step,t,forecast\n1,2,3\n');
    await hideToast(page);
    await loadFromFile(page, bad);
    v = await until(page, 'the second refusal', (s) => s.toast !== '');
    expect(v.toast).toContain('This file is not a sensorcast model: it is not JSON.');
    expect(v.models).toEqual(before);
    expect(v.trainText).toBe('Model loaded.');
  });
});
