// The page's exports, end to end in Debian's Chromium against `sensorcast serve` (issue 13 items
// 2 and 5): a `;`/decimal-comma file of local times exports its forecasts in its own dialect by
// default and as a standard CSV on request, both under a clean file name, and the export drops
// back onto the page; the PNG carries a title band (channel, unit, span, model, skill) above the chart.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBrowser, type OpenBrowser } from './support/browser';
import { countNear, readPng } from './support/png';
import { serve, type Served } from './support/serve';
import { dropFile } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

const pad = (n: number) => String(n).padStart(2, '0');
/** Four days of hourly local times, `;` and decimal comma, a unit in the column name. */
const HOURLY = [
  'Zeit;Temperatur °C',
  ...Array.from({ length: 96 }, (_, i) => `${pad(1 + Math.floor(i / 24))}.03.2024 ${pad(i % 24)}:00;${(5 + 3 * Math.sin((i / 24) * 2 * Math.PI) + (i % 5) / 10).toFixed(2).replace('.', ',')}`),
].join('\n');

async function until<T>(page: Page, what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 800)} / toast: ${await page.textContent('#toast')}`);
    await page.waitForTimeout(250);
    last = await read();
  }
  return last;
}

async function saved(page: Page, button: string): Promise<{ name: string; text: Buffer; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path()), download };
}

describe('exports from the page (issue 13)', () => {
  let served: Served;
  let browser: OpenBrowser;
  let page: Page;

  beforeAll(async () => {
    served = await serve({ settings: { autoTrain: false, epochs: 2, backend: 'wasm', horizon: 12 } });
    browser = await openBrowser(served.url, { viewport: { width: 1024, height: 640 } });
    page = browser.page;
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('after recording stops, names the file and downloads it from the data folder (browser mode)', async () => {
    expect(await page.isVisible('#st-saved')).toBe(false);
    await page.click('#record');
    await until(page, 'the recording on', () => page.textContent('#st-recording'), (s) => /recording \d+ KiB/.test(s ?? ''));
    expect(await page.isVisible('#st-saved')).toBe(false);
    await page.waitForTimeout(1500);
    await page.click('#record');
    const text = await until(page, 'the saved file named', () => page.evaluate(() => (document.getElementById('st-saved')!.hidden ? '' : document.getElementById('st-saved-name')!.textContent)), (s) => !!s);
    expect(text).toMatch(/^saved \S+\.csv$/);
    expect(await page.getAttribute('#st-saved', 'title')).toContain(served.dataDir);
    expect(await page.isVisible('#st-saved-open')).toBe(false);
    const file = await saved(page, '#st-saved-download');
    expect(file.name).toBe(text!.slice('saved '.length));
    const lines = file.text.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('time,value'); // the demo channel
    expect(lines.length).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/exports-recording.png` });
  });

  it('exports the forecasts of a ;/decimal-comma file in its dialect by default, as a standard CSV on request, under a clean name', async () => {
    await dropFile(page, 'hourly-de.csv', HOURLY);
    await until(page, 'the file on the chart', () => page.textContent('#chart-sub'), (s) => s === 'hourly-de.csv: 96 rows');
    expect(await page.isVisible('#export-dialect')).toBe(true);
    expect(await page.getAttribute('#export-dialect', 'title')).toContain('semicolon and decimal comma, times like 01.03.2024 13:00');
    await page.click('#train');
    await until(page, 'a trained model with forecasts', () => page.evaluate(() => document.body.dataset.model ?? ''), (m) => m === 'ready', 120_000);

    const source = await saved(page, '#export-csv');
    expect(source.name).toBe('Temperatur-C-forecast.csv');
    const lines = source.text.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('t;actual;forecast;lower;upper;baseline;residual');
    expect(lines.at(-1)).toMatch(/^0[45]\.03\.2024 \d\d:00;;-?\d+(,\d+)?;/);

    await page.selectOption('#export-dialect', 'standard');
    const standard = await saved(page, '#export-csv');
    expect(standard.name).toBe('Temperatur-C-forecast.csv');
    const std = standard.text.toString('utf8').trimEnd().split('\n');
    expect(std[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
    expect(std.at(-1)).toMatch(/^2024-03-0[45]T\d\d:00:00\.000Z,,-?\d+(\.\d+)?,/);
    expect(std).toHaveLength(lines.length);

    // The export opens in the app again, in its own dialect: one row per time (past forecasts from
    // several origins share times; the importer keeps the later row, and says so).
    const times = new Set(lines.slice(1).map((l) => l.split(';')[0]));
    await dropFile(page, source.name, source.text.toString('utf8'));
    await until(page, 'the export on the chart', () => page.textContent('#chart-sub'), (s) => s === `${source.name}: ${times.size} rows`);
    expect(await page.isVisible('#export-dialect')).toBe(true);
  });

  it('saves the chart as a PNG with a title band: channel, unit, time span, model and skill', async () => {
    await dropFile(page, 'hourly-de.csv', HOURLY);
    await until(page, 'the file on the chart', () => page.textContent('#chart-sub'), (s) => s === 'hourly-de.csv: 96 rows');
    await page.click('#train');
    await until(page, 'a trained model', () => page.evaluate(() => document.body.dataset.model ?? ''), (m) => m === 'ready', 120_000);
    await page.waitForTimeout(500);
    const png = await saved(page, '#export-png');
    expect(png.name).toBe('Temperatur-C-chart.png');
    copyFileSync(await png.download.path(), `${SHOTS}/exports-chart.png`);
    const image = readPng(png.text);
    const canvas = await page.$eval('#chart', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height, css: (c as HTMLCanvasElement).clientWidth }));
    const ratio = canvas.width / canvas.css;
    expect(image.width).toBe(canvas.width);
    // A band of two or three lines (the details wrap at ` · ` on a narrow chart) above the chart.
    const bandRows = image.height - canvas.height;
    expect(bandRows).toBeGreaterThanOrEqual(Math.round(60 * ratio));
    expect(bandRows).toBeLessThanOrEqual(Math.round(77 * ratio));
    const band = { ...image, height: bandRows, rgba: image.rgba.subarray(0, image.width * bandRows * 4) };
    const colours = await page.evaluate(() => {
      const css = getComputedStyle(document.documentElement);
      return { text: css.getPropertyValue('--text').trim(), muted: css.getPropertyValue('--muted').trim(), bg: css.getPropertyValue('--chart-bg').trim() };
    });
    expect(countNear(band, colours.text, 40)).toBeGreaterThan(150);
    expect(countNear(band, colours.muted, 30)).toBeGreaterThan(150);
    expect(countNear(band, colours.bg, 2)).toBeGreaterThan(band.width * band.height * 0.6);
    // What the title says, as the page composed it.
    const title = await page.evaluate(() => {
      const badge = document.getElementById('skill-badge')!;
      return { verdict: badge.dataset.verdict, skill: document.getElementById('skill-value')!.textContent };
    });
    expect(title.verdict).not.toBe('none');
    expect(title.skill).toMatch(/×/);
    await page.screenshot({ path: `${SHOTS}/exports-page.png` });

    // At a normal window size the details fit on one line: a band of heading and one line.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(500);
    const wide = await saved(page, '#export-png');
    copyFileSync(await wide.download.path(), `${SHOTS}/exports-chart-1440.png`);
    const wideImage = readPng(wide.text);
    const wideCanvas = await page.$eval('#chart', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height, css: (c as HTMLCanvasElement).clientWidth }));
    expect(wideImage.width).toBe(wideCanvas.width);
    expect(wideImage.height - wideCanvas.height).toBe(Math.round(43 * (wideCanvas.width / wideCanvas.css)));
    await page.screenshot({ path: `${SHOTS}/exports-page-1440.png` });
    await page.setViewportSize({ width: 1024, height: 640 });
  });

  it('logged no errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
