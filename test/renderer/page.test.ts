// End to end in Debian's Chromium against `sensorcast serve`: a socat pty fed by the Arduino
// simulator, the page connecting, charting, training a small model in the worker (backend auto on
// WebGL on SwiftShader: the trainer measured and stated; then wasm), forecasting ahead of the
// actual line, the skill badge and gates panel, unplug/replug, a dropped CSV, and no request
// leaving the app (FAULTS 1, 2, 29, 30). WebGL chosen by hand and a lost context: webgl-choice.test.ts.
import { mkdirSync, readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ArduinoSim } from '../support/arduino-sim';
import type { PtyPair } from '../support/socat-pty';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { openSerialPage, type SerialPage } from './support/serial-page';
import { dropFile, setNumber } from './support/poll';

const SHOTS = 'test-results';
/** The model panel's trainer in auto on WebGL: the faster of the two on the first batch, and both times (a lower bound where it was enough). */
const MEASURED = /on (kernel \(wasm SIMD[^;)]*; faster than tfjs webgl|tfjs webgl \(faster than the wasm kernel) here: ([\d.]+) vs (?:at least )?([\d.]+) ms a batch\)/;
mkdirSync(SHOTS, { recursive: true });

/** What the page shows, read from the DOM and the chart the user sees. */
async function view(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const app = (window as unknown as { sensorcastApp?: { chart: { chart: { data: { datasets: { data: { x: number; y: number }[] }[] } } } } }).sensorcastApp;
    const ds = app?.chart.chart.data.datasets ?? [];
    const actual = ds[0]?.data ?? [];
    const forecast = ds[4]?.data ?? [];
    return {
      ready: document.body.dataset.ready,
      backend: document.body.dataset.backend,
      model: document.body.dataset.model,
      state: document.getElementById('st-state')?.dataset.state,
      label: text('st-label'),
      rate: text('st-rate'),
      channels: [...document.querySelectorAll<HTMLElement>('#channels li')].map((li) => li.dataset.channel),
      actualPoints: actual.filter((p) => Number.isFinite(p.y)).length,
      lastActualX: actual.length ? actual[actual.length - 1].x : null,
      forecastXs: forecast.map((p) => p.x),
      forecastOk: forecast.length > 0 && forecast.every((p) => Number.isFinite(p.y)),
      pastPoints: (ds[1]?.data ?? []).filter((p) => Number.isFinite(p.y)).length,
      skill: text('skill-value'),
      skillVerdict: document.getElementById('skill-badge')?.dataset.verdict,
      gates: [...document.querySelectorAll('#gates .gname')].map((g) => g.textContent),
      trainText: text('train-text'),
      subtitle: text('chart-sub'),
      toast: document.getElementById('toast')?.hidden ? '' : text('toast'),
    };
  });
}

async function until<T>(page: Page, what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 800)}`);
    await page.waitForTimeout(250);
    last = await read();
  }
  return last;
}


describe('the page in Chromium with tfjs WebGL (SwiftShader), a serial device on a socat pty', () => {
  let served: Served;
  let browser: OpenBrowser;
  let pty: PtyPair;
  let sim: ArduinoSim;

  let rig: SerialPage | undefined;

  beforeAll(async () => {
    rig = await openSerialPage({ sim: { format: 'labelled', linesPerSecond: 100 }, startSim: false, serve: { softwareWebgl: true, settings: { epochs: 2, autoTrain: false } }, browser: { webgl: true } });
    ({ served, browser, pty, sim } = rig);
  });

  afterAll(() => rig?.close());

  it('opens on the demo source, live, and uses WebGL', async () => {
    const v = await until(browser.page, 'the demo to stream', () => view(browser.page), (s) => s.ready === 'true' && s.state === 'connected' && s.actualPoints > 20 && s.backend !== undefined);
    expect(v.label).toBe('Demo');
    expect(v.backend).toBe('webgl');
    expect(v.channels.length).toBeGreaterThan(0);
    await browser.page.screenshot({ path: `${SHOTS}/page-demo.png` });
  });

  it('connects to the serial device and shows its live values', async () => {
    const page = browser.page;
    await page.click('#kind-serial');
    await page.fill('#port-path', pty.devPath);
    await page.selectOption('#baud', '115200');
    // The board starts printing as the port opens: lines buffered in the pty before that would arrive
    // as one burst and skew the measured rate behind the horizon in time ("2s") below.
    sim.start();
    expect(await page.getAttribute('#kind-serial', 'aria-selected')).toBe('true');
    expect(await page.inputValue('#port-path')).toBe(pty.devPath);
    await page.click('#connect');
    // A refusal shows as a toast (which hides after a while): fail with its words, not a timeout.
    const opened = await until(page, 'the port to open or a refusal', () => view(page), (s) => s.label.includes(pty.devPath) || s.toast !== '', 40_000);
    expect(opened.toast, `errors in the page: ${JSON.stringify(browser.errors)}; the server said: ${served.output().slice(-3000)}`).toBe('');
    const v = await until(page, 'serial data', () => view(page), (s) => s.state === 'connected' && s.label.includes(pty.devPath) && s.channels.includes('hum') && s.actualPoints > 300, 40_000);
    expect(v.channels).toEqual(expect.arrayContaining(['seq', 'temp', 'hum']));
    expect(v.rate).toMatch(/^[\d,]+ samples\/s$/);
  });

  it('trains a small model in the worker and draws the forecast ahead of the actual line', async () => {
    const page = browser.page;
    await page.check('#channels li[data-channel="hum"] input[type="radio"]');
    await setNumber(page, 'epochs', 2);
    await setNumber(page, 'horizon', 10);
    await page.click('#train');
    await until(page, 'training to start', () => view(page), (s) => /Epoch|Training on/.test(s.trainText), 10_000);
    await until(page, 'a trained model and its forecast', () => view(page), (s) => s.model === 'ready' && s.forecastXs.length === 10, 150_000);
    // Right after training the worker replays the history (a second or two); then it keeps up.
    const v = await until(page, 'the forecast to keep up with the live data', () => view(page), (s) => Math.max(...s.forecastXs) > (s.lastActualX ?? Infinity), 20_000);
    expect(v.forecastOk).toBe(true);
    // The season the engine found in the live data (hum repeats every 20 lines), where the user looks: the model panel.
    expect(await page.textContent('#model-info')).toMatch(/^hum: [^;]*\b20 rows\b[^;]*; horizon 10;/);
    // Backend auto on WebGL: the engine measured the kernel against tfjs webgl on the first batch, trained on the faster and says so.
    const measured = MEASURED.exec((await page.textContent('#model-info')) ?? '');
    expect(measured, 'the trainer and why, in the model panel').not.toBeNull();
    expect(Number(measured![2])).toBeLessThanOrEqual(Number(measured![3]));
    // Ahead of the actual line: the forecast reaches past the last actual value, from a recent origin
    // (at 100 samples/s a few samples may arrive between a forecast and the frame that draws it).
    expect(Math.max(...v.forecastXs)).toBeGreaterThan(v.lastActualX!);
    expect(v.lastActualX! - Math.min(...v.forecastXs)).toBeLessThan(1000);
    const scored = await until(page, 'the skill badge and gates', () => view(page), (s) => /×$/.test(s.skill) && s.gates.length === 4 && s.pastPoints > 0, 30_000);
    expect(scored.gates).toEqual(['Forget', 'Learn', 'Remember', 'Use']);
    expect(['better', 'even', 'worse']).toContain(scored.skillVerdict);
    await page.screenshot({ path: `${SHOTS}/page-webgl-forecast.png` });
    // The horizon in time: at 100 samples/s, "2s" is about 200 steps, and the hint says both.
    await page.fill('#horizon', '2s');
    await page.dispatchEvent('#horizon', 'change');
    const steps = Number(await page.inputValue('#horizon'));
    expect(steps).toBeGreaterThan(150);
    expect(steps).toBeLessThan(250);
    expect(await page.textContent('#horizon-hint')).toMatch(new RegExp(`^${steps} steps = next [12](\\.\\d+)? s$`));
    await setNumber(page, 'horizon', 10);
  });

  it('shows disconnected on unplug and connected again on replug (FAULTS 1, 2)', async () => {
    const page = browser.page;
    await pty.unplug();
    await until(page, 'disconnected', () => view(page), (s) => s.state === 'disconnected' || s.state === 'reconnecting', 10_000);
    await page.screenshot({ path: `${SHOTS}/page-unplugged.png` });
    await pty.replug();
    await until(page, 'connected again', () => view(page), (s) => s.state === 'connected', 20_000);
    const before = (await view(page)).actualPoints;
    await until(page, 'data flowing again', () => view(page), (s) => s.actualPoints !== before, 10_000);
  });

  it('charts a CSV dropped on the page', async () => {
    const page = browser.page;
    await dropFile(page, 'AirPassengers.csv', readFileSync('test/fixtures/series/AirPassengers.csv', 'utf8'));
    const v = await until(page, 'the dropped file on the chart', () => view(page), (s) => s.subtitle.startsWith('AirPassengers.csv') && s.actualPoints === 144);
    expect(v.subtitle).toBe('AirPassengers.csv: 144 rows');
    expect(v.actualPoints).toBe(144);
    expect(v.channels).toEqual(['value']);
    // The controls follow: the File tab is selected, and the serial model is not passed off as fitting.
    expect(await page.getAttribute('#kind-file', 'aria-selected')).toBe('true');
    expect(await page.textContent('#model-info')).toContain('Press Train to fit a model to this file');
    // Forecasts of the live data that were still in flight are not drawn over the file.
    await page.waitForTimeout(1500);
    const after = await view(page);
    expect(after.forecastXs).toEqual([]);
    expect(after.pastPoints).toBe(0);
    expect(after.skill).not.toMatch(/×/);
    await page.screenshot({ path: `${SHOTS}/page-csv.png` });
  });

  it('made no request outside the app and logged no errors (FAULTS 29, 30)', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});

describe('the page in Chromium with tfjs wasm (chosen by hand): the default demo forecasting live', () => {
  let served: Served;
  let browser: OpenBrowser;

  beforeAll(async () => {
    // The user's manual backend choice, remembered in the settings; the demo trains by itself.
    served = await serve({ settings: { epochs: 2, backend: 'wasm' }, demoRate: 25 });
    browser = await openBrowser(served.url, { webgl: false, dark: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('uses wasm, trains on its own and forecasts the demo live', async () => {
    const page = browser.page;
    const v = await until(page, 'the demo forecasting live', () => view(page), (s) => s.model === 'ready' && s.forecastXs.length > 0 && /×$/.test(s.skill) && Math.max(...s.forecastXs) > (s.lastActualX ?? Infinity), 150_000);
    expect(v.backend).toBe('wasm');
    expect(v.label).toBe('Demo');
    expect(Math.max(...v.forecastXs)).toBeGreaterThan(v.lastActualX!);
    expect(v.gates).toHaveLength(4);
    await page.screenshot({ path: `${SHOTS}/page-wasm-dark.png` });
  });

  it('exports the forecasts as CSV with the documented columns', async () => {
    const page = browser.page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[^,]+,[^,]*,-?\d/);
  });

  it('saves the model and loads it back', async () => {
    const page = browser.page;
    await page.fill('#model-name', 'demo-model');
    await page.click('#save-model');
    await until(page, 'the saved model in the list', () => page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].map((o) => o.value)), (names) => names.includes('demo-model'));
    await page.selectOption('#model-list', 'demo-model');
    await page.click('#load-model');
    await until(page, 'the model loaded', () => view(page), (s) => s.trainText === 'Model loaded.');
  });

  it('made no request outside the app and logged no errors', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
