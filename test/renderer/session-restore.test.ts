// State that stays true, end to end in Debian's Chromium at 1024x640 against `sensorcast serve`
// and a socat pty: after a reload the source form, the chosen channels, the horizon and the last
// model of that source come back; switching source checks the model against the new channels;
// the layout holds at 1024x640 (issue 12 item 6).
import { mkdirSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PtyPair } from '../support/socat-pty';

import type { OpenBrowser } from './support/browser';
import { openSerialPage, type SerialPage } from './support/serial-page';
import { pollPage } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

async function read(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';
    const app = (window as unknown as { sensorcastApp?: { chart: { chart: { data: { datasets: { data: unknown[] }[] } } } } }).sensorcastApp;
    const checked = (sel: string) => [...document.querySelectorAll<HTMLInputElement>(sel)].filter((i) => i.checked).map((i) => i.closest('li')?.dataset.channel);
    return {
      ready: document.body.dataset.ready,
      model: document.body.dataset.model,
      state: document.getElementById('st-state')?.dataset.state,
      label: text('st-label'),
      tab: document.querySelector('.segmented button[aria-selected="true"]')?.id,
      port: value('port-path'),
      baud: value('baud'),
      horizon: value('horizon'),
      target: checked('#channels input[type="radio"]')[0],
      covariates: checked('#channels .cov input'),
      channels: [...document.querySelectorAll<HTMLElement>('#channels li')].map((li) => li.dataset.channel),
      trainText: text('train-text'),
      modelInfo: text('model-info'),
      forecast: app?.chart.chart.data.datasets[4]?.data.length ?? 0,
      models: [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].map((o) => o.value),
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 30_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 250);

describe('state that stays true: reload, a source switch, a 1024x640 window', () => {
  let browser: OpenBrowser;
  let pty: PtyPair;

  let rig: SerialPage | undefined;

  beforeAll(async () => {
    rig = await openSerialPage({ sim: { format: 'units', linesPerSecond: 50 }, serve: { settings: { autoTrain: false, epochs: 2, backend: 'wasm' } }, browser: { viewport: { width: 1024, height: 640 } } });
    ({ browser, pty } = rig);
  });

  afterAll(() => rig?.close());

  it('the port path and list: a list that arrives while the user is in the empty field leaves it to them; the list shows the port in the field, or none', async () => {
    const page = browser.page;
    await until(page, 'the page', (s) => s.ready === 'true' && s.label === 'Demo');
    await page.click('#kind-serial');
    await page.fill('#port-path', '');
    await page.focus('#port-path');
    const listed = async (): Promise<string[]> => {
      // The button's own click handler, without moving the focus out of the field.
      await page.evaluate(() => {
        document.querySelector<HTMLSelectElement>('#port-select')!.replaceChildren();
        document.querySelector<HTMLButtonElement>('#refresh-ports')!.click();
      });
      await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#port-select')!.options.length > 0);
      return page.$$eval('#port-select option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    };
    const ports = await listed();
    expect(await page.inputValue('#port-path')).toBe('');
    // Out of the field, an empty path gets the first port found (where the machine has one).
    await page.evaluate(() => document.querySelector<HTMLInputElement>('#port-path')!.blur());
    await listed();
    expect(await page.inputValue('#port-path')).toBe(ports[0] ?? '');
    // The list shows the port in the field, and none for a typed path it does not list.
    const shown = () => page.$eval('#port-select', (el) => ({ index: (el as HTMLSelectElement).selectedIndex, value: (el as HTMLSelectElement).value }));
    if (ports[0]) expect(await shown()).toEqual({ index: 0, value: ports[0] });
    await page.fill('#port-path', pty.devPath);
    expect((await shown()).index).toBe(-1);
  });

  it('brings back the source form, the channels, the horizon and the last model after a reload', async () => {
    const page = browser.page;
    await until(page, 'the page', (s) => s.ready === 'true' && s.label === 'Demo');
    await page.click('#kind-serial');
    await page.fill('#port-path', pty.devPath);
    await page.selectOption('#baud', '57600');
    await page.click('#connect');
    await until(page, 'serial data', (s) => s.state === 'connected' && s.channels.includes('hum'), 40_000);
    await page.check('#channels li[data-channel="hum"] input[type="radio"]');
    await page.check('#channels li[data-channel="temp"] .cov input');
    await page.uncheck('#channels li[data-channel="seq"] input.show');
    await page.fill('#horizon', '20');
    await page.dispatchEvent('#horizon', 'change');
    await page.waitForTimeout(1500); // a few hundred rows to train on
    await page.click('#train');
    await until(page, 'a trained model kept as the source\'s last model', (s) => s.model === 'ready' && s.forecast === 20 && s.models.some((m) => m.startsWith('last-')), 150_000);

    await page.reload();
    const after = await until(page, 'the model of last time', (s) => s.ready === 'true' && s.model === 'ready' && s.forecast === 20, 60_000);
    expect(after.trainText).toBe('Restored the last model of this source.');
    expect(after.modelInfo).toMatch(/^hum: .*horizon 20/);
    expect({ tab: after.tab, port: after.port, baud: after.baud, state: after.state }).toEqual({ tab: 'kind-serial', port: pty.devPath, baud: '57600', state: 'connected' });
    expect(after.label).toContain(pty.devPath);
    expect(after.target).toBe('hum');
    expect(after.covariates).toEqual(['temp']);
    expect(after.horizon).toBe('20');
    // The channel switched off stays off.
    expect(await page.isChecked('#channels li[data-channel="seq"] input.show')).toBe(false);
    expect(await page.isChecked('#channels li[data-channel="temp"] input.show')).toBe(true);
  });

  it('checks the model against a new source: the demo lacks its channels, the serial device has them', async () => {
    const page = browser.page;
    await page.click('#kind-demo');
    await page.click('#connect');
    const demo = await until(page, 'the demo, and the model found not to fit', (s) => s.label === 'Demo' && /needs hum, temp, which this source does not send/.test(s.modelInfo));
    expect(demo.forecast).toBe(0);
    await page.click('#kind-serial');
    await page.click('#connect');
    const back = await until(page, 'the serial device, and the model describing itself again', (s) => s.label.includes(pty.devPath) && /^hum: /.test(s.modelInfo) && s.forecast === 20, 40_000);
    // The channels chosen for this source outlive a source without them.
    expect(back.target).toBe('hum');
    expect(back.covariates).toEqual(['temp']);
  });

  it('lays out at 1024x640: nothing spills, the chart keeps its room, the cards stay below it', async () => {
    const page = browser.page;
    const box = await page.evaluate(() => {
      const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const chart = rect('#chart');
      const card = rect('.chart-card');
      const cards = rect('.cards');
      const head = rect('.chart-head');
      const follow = rect('#follow-state');
      return {
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
        chart: { top: chart.top, bottom: chart.bottom, right: chart.right, height: chart.height, width: chart.width },
        card: { right: card.right, bottom: card.bottom },
        cardsTop: cards.top,
        headBottom: head.bottom,
        follow: { right: follow.right, width: follow.width },
      };
    });
    expect(box.scrollW).toBeLessThanOrEqual(1024);
    expect(box.scrollH).toBeLessThanOrEqual(640);
    expect(box.chart.height).toBeGreaterThan(180);
    expect(box.chart.width).toBeGreaterThan(600);
    expect(box.chart.top).toBeGreaterThanOrEqual(box.headBottom);
    expect(box.chart.bottom).toBeLessThanOrEqual(box.card.bottom);
    expect(box.card.bottom).toBeLessThanOrEqual(box.cardsTop);
    expect(box.chart.right).toBeLessThanOrEqual(box.card.right);
    expect(box.follow.width).toBeGreaterThan(0);
    expect(box.follow.right).toBeLessThanOrEqual(box.card.right);
    await page.screenshot({ path: `${SHOTS}/layout-1024x640.png` });
  });

  it('logged no errors and made no request outside the app', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
