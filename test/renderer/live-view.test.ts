// The live chart end to end in Debian's Chromium against `sensorcast serve`, a socat pty fed by
// the Arduino simulator with units (`seq:12 temp:23.5C hum:41%`): every channel drawn on the axis
// of its unit with a per-channel switch, time labels without milliseconds, pause and scroll-back
// with its indicator, and stale channels greyed (issue 12 items 4, 5).
import { mkdirSync, readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ArduinoSim } from '../support/arduino-sim';

import type { OpenBrowser } from './support/browser';
import { openSerialPage, type SerialPage } from './support/serial-page';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

interface ChartRead {
  datasets: { label: string; axis: string; points: number; firstX: number | null; lastX: number | null }[];
  axes: Record<string, { title: string; display: boolean }>;
  xTicks: string[];
  xMin: number;
  xMax: number;
  follow: string;
  storeLength: number;
}

/** What the chart shows: datasets with their axes, axis titles and the x tick labels drawn. */
export async function readChart(page: Page): Promise<ChartRead> {
  return page.evaluate(() => {
    // _data: the whole series when chart.js's own decimation has replaced `data` by what it draws.
    type Ds = { label: string; yAxisID?: string; data: { x: number; y: number }[]; _data?: { x: number; y: number }[] };
    type Scale = { options: { title?: { text?: string }; display?: boolean }; ticks?: { label: string | string[] }[]; min: number; max: number };
    const app = (window as unknown as { sensorcastApp: { chart: { chart: { data: { datasets: Ds[] }; scales: Record<string, Scale> } }; store: { length: number } } }).sensorcastApp;
    const chart = app.chart.chart;
    const finite = (d: Ds) => (d._data ?? d.data).filter((p) => Number.isFinite(p.y));
    return {
      datasets: chart.data.datasets.map((d) => {
        const f = finite(d);
        return { label: d.label, axis: d.yAxisID ?? 'y', points: f.length, firstX: f[0]?.x ?? null, lastX: f.at(-1)?.x ?? null };
      }),
      axes: Object.fromEntries(Object.entries(chart.scales).filter(([id]) => id.startsWith('y')).map(([id, s]) => [id, { title: String(s.options.title?.text ?? ''), display: s.options.display !== false }])),
      xTicks: (chart.scales.x.ticks ?? []).map((t) => (Array.isArray(t.label) ? t.label.join(' ') : String(t.label))),
      xMin: chart.scales.x.min,
      xMax: chart.scales.x.max,
      follow: document.getElementById('follow-state')?.dataset.follow ?? '',
      storeLength: app.store.length,
    };
  });
}

export async function until<T>(page: Page, what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 1200)}`);
    await page.waitForTimeout(250);
    last = await read();
  }
  return last;
}

describe('the live chart: every channel, pause and scroll-back, stale channels', () => {
  let browser: OpenBrowser;
  let sim: ArduinoSim;

  let rig: SerialPage | undefined;

  beforeAll(async () => {
    rig = await openSerialPage({ sim: { format: 'units', linesPerSecond: 100 }, openOnPty: true, serve: { settings: { autoTrain: false, backend: 'cpu' } } });
    ({ browser, sim } = rig);
  });

  afterAll(() => rig?.close());

  it('draws every channel on the axis of its unit, the target highlighted, each one switchable', async () => {
    const page = browser.page;
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
    await until(page, 'serial data with units', () => readChart(page), (c) => c.datasets.length >= 7 && c.storeLength > 300, 40_000);
    await page.check('#channels li[data-channel="temp"] input[type="radio"]');
    const c = await until(page, 'temp as the target with the others beside it', () => readChart(page), (r) => r.datasets[0].label === 'temp (C)' && r.datasets.slice(5).every((d) => d.points > 100));
    expect(c.datasets.slice(5).map((d) => [d.label, d.axis])).toEqual([
      ['seq', 'y1'],
      ['hum (%)', 'y2'],
    ]);
    expect(c.axes.y.title).toBe('temp (C)');
    expect(c.axes.y1.title).toBe('seq');
    expect(c.axes.y2.title).toBe('%');
    // Switched off in the channel list: no longer drawn, and its axis goes with it.
    await page.uncheck('#channels li[data-channel="seq"] input.show');
    const off = await until(page, 'seq switched off', () => readChart(page), (r) => r.datasets.length === 6);
    expect(off.datasets[5].label).toBe('hum (%)');
    expect(off.axes.y1.title).toBe('%');
    await page.check('#channels li[data-channel="seq"] input.show');
    await until(page, 'seq drawn again', () => readChart(page), (r) => r.datasets.length === 7);
    await page.screenshot({ path: `${SHOTS}/live-every-channel.png` });
  });

  it('pauses on a zoom with a clear indicator, scrolls back beyond the live window, and follows live again', async () => {
    const page = browser.page;
    expect((await readChart(page)).follow).toBe('live');
    expect(await page.textContent('#follow-state')).toContain('following live');
    // Enough history to scroll back through: more than the 300-point live window.
    await until(page, '1,500 samples', () => readChart(page), (r) => r.storeLength > 1500, 30_000);
    // A wheel zoom on the chart pauses following.
    const box = (await page.locator('#chart').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    const paused = await until(page, 'paused', () => readChart(page), (r) => r.follow === 'paused');
    expect(await page.textContent('#follow-state')).toContain('paused');
    expect(await page.textContent('#pause')).toBe('Follow live');
    // While paused the chart stands still although samples keep arriving.
    await page.waitForTimeout(1500);
    const still = await readChart(page);
    expect(still.storeLength).toBeGreaterThan(paused.storeLength);
    expect(still.datasets[0].lastX).toBe(paused.datasets[0].lastX);
    expect(still.xMax).toBe(paused.xMax);
    // Scroll-back: the paused chart holds the history before the 300-point live window.
    expect(still.datasets[0].points).toBeGreaterThan(1000);
    // Zoomed out to the 10 s before the live window: the history is there.
    const range = { min: paused.xMin - 10_000, max: paused.xMin };
    await page.evaluate((r) => (window as unknown as { sensorcastApp: { chart: { chart: { zoomScale(a: string, r: { min: number; max: number }, m: string): void } } } }).sensorcastApp.chart.chart.zoomScale('x', r, 'none'), range);
    const back = await readChart(page);
    expect(back.xMin).toBeLessThanOrEqual(range.min + 1);
    expect(back.datasets[0].firstX!).toBeLessThan(range.min + 1000);
    expect(back.datasets.slice(5).every((d) => d.firstX! < range.min + 1000)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/live-paused.png` });
    // Follow live: the chart moves with the data again.
    await page.click('#pause');
    const live = await until(page, 'following again', () => readChart(page), (r) => r.follow === 'live' && (r.datasets[0].lastX ?? 0) > still.datasets[0].lastX!);
    expect(await page.textContent('#pause')).toBe('Pause');
    expect(live.datasets[0].points).toBeLessThanOrEqual(400);
    // And the Pause button pauses too.
    await page.click('#pause');
    await until(page, 'paused by the button', () => readChart(page), (r) => r.follow === 'paused');
    await page.keyboard.press('0');
    await until(page, 'following after 0 (reset view)', () => readChart(page), (r) => r.follow === 'live');
  });

  it('labels the time axis without milliseconds for a window of 15 s and more', async () => {
    const page = browser.page;
    await page.selectOption('#window-points', '3000');
    const c = await until(page, 'a wider window', () => readChart(page), (r) => r.xMax - r.xMin > 14_000 && r.xTicks.length > 2);
    for (const label of c.xTicks) expect(label).toMatch(/^(\d{1,2} [A-Z][a-z]{2} )?\d\d:\d\d(:\d\d)?$/);
    await page.selectOption('#window-points', '300');
  });

  it('greys channels that sent nothing for 30 s', async () => {
    const page = browser.page;
    await sim.stop();
    await page.waitForFunction(() => document.querySelectorAll('#channels li.stale').length === 3, undefined, { timeout: 45_000 });
    const texts = await page.$$eval('#channels li .value', (cells) => cells.map((c) => c.textContent));
    for (const t of texts) expect(t).toMatch(/^no data for 3\d s$/);
    const c = await readChart(page);
    expect(c.datasets.length).toBe(7);
    await page.screenshot({ path: `${SHOTS}/live-stale.png` });
  });

  it('labels a monthly file with calendar dates, and has no live edge to pause for it', async () => {
    const page = browser.page;
    const transfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'AirPassengers.csv', { type: 'text/csv' }));
      return dt;
    }, readFileSync('test/fixtures/series/AirPassengers.csv', 'utf8'));
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    const c = await until(page, 'the file on the chart', () => readChart(page), (r) => r.datasets[0].points === 144 && r.xTicks.length > 2);
    for (const label of c.xTicks) expect(label).toMatch(/^((\d{1,2} )?[A-Z][a-z]{2} )?\d{4}$/);
    expect(await page.isHidden('#follow-state')).toBe(true);
    expect(await page.isHidden('#pause')).toBe(true);
  });

  it('logged no errors and made no request outside the app', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
