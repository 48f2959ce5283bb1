// Alerts in the page, end to end in Debian's Chromium against `sensorcast serve` and a socat pty
// fed by the Arduino simulator (its `temp`: a sawtooth from -5 to 34.9, +0.7 a line, so 30 is
// crossed on every ramp): a rule added in the Alerts panel, a model trained on the ramp, the
// forecast crossing raises the banner and one log entry (the cooldown holds the next ramps),
// acknowledging clears it, a bad rule is refused with a reason, and the rule survives a reload.
import { mkdirSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ArduinoSim } from '../support/arduino-sim';

import type { OpenBrowser } from './support/browser';
import { openSerialPage, type SerialPage } from './support/serial-page';
import { pollPage } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

async function read(page: Page) {
  return page.evaluate(() => {
    const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? '';
    const banner = document.getElementById('alert-banner');
    const app = (window as unknown as { sensorcastApp?: { store: { latest: Map<string, number> } } }).sensorcastApp;
    return {
      ready: document.body.dataset.ready,
      model: document.body.dataset.model,
      channels: [...document.querySelectorAll<HTMLElement>('#channels li')].map((li) => li.dataset.channel),
      temp: app?.store.latest.get('temp') ?? null,
      rules: [...document.querySelectorAll<HTMLElement>('#alert-rules li')].map((li) => li.dataset.rule),
      banner: banner && !banner.hidden ? text('#alert-banner .alert-text') : null,
      log: [...document.querySelectorAll<HTMLElement>('#alert-log li')].map((li) => ({ text: li.textContent ?? '', read: li.classList.contains('read') })),
      logCount: text('#alert-log-count'),
      error: document.getElementById('alert-error')?.hidden === false ? text('#alert-error') : null,
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 30_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 100);

describe('alerts in the page', () => {
  let browser: OpenBrowser;
  let sim: ArduinoSim;

  let rig: SerialPage | undefined;

  beforeAll(async () => {
    rig = await openSerialPage({ sim: { format: 'labelled', linesPerSecond: 50 }, openOnPty: true, serve: { settings: { autoTrain: false, epochs: 5, backend: 'wasm', horizon: 15 } }, browser: { viewport: { width: 1024, height: 640 } } });
    ({ browser, sim } = rig);
  });

  afterAll(() => rig?.close());

  it('a forecast crossing raises the banner and one log entry; acknowledging clears it', async () => {
    const page = browser.page;
    await until(page, 'the ramp from the pty', (s) => s.ready === 'true' && s.channels.includes('temp'), 40_000);
    await page.check('#channels li[data-channel="temp"] input[type="radio"]');
    for (const other of ['seq', 'hum']) if (await page.isChecked(`#channels li[data-channel="${other}"] .cov input`)) await page.uncheck(`#channels li[data-channel="${other}"] .cov input`);
    await page.waitForTimeout(8000); // 400 samples, 7 ramps
    await page.click('#train');
    await until(page, 'a model of temp', (s) => s.model === 'ready', 150_000);

    // A bad threshold is refused with its reason, and nothing is saved.
    await page.click('#alert-add');
    await page.selectOption('#alert-channel', 'temp');
    await page.selectOption('#alert-kind', 'above');
    await page.fill('#alert-amount', 'hot');
    await page.click('#alert-save');
    expect((await read(page)).error).toBe('The threshold must be a number, e.g. 30 (got "hot").');
    await page.locator('#alerts-panel').screenshot({ path: `${SHOTS}/alerts-editor.png` });
    expect((await read(page)).rules).toEqual([]);

    // Saved low on a ramp, so the first alert is the forecast foreseeing the crossing ahead.
    await page.fill('#alert-amount', '30');
    await until(page, 'the ramp low', (s) => s.temp !== null && s.temp < 5, 10_000);
    await page.click('#alert-save');
    expect((await read(page)).rules).toEqual(['temp > 30']);
    const fired = await until(page, 'the banner', (s) => s.banner !== null, 15_000);
    expect(fired.banner).toMatch(/^temp > 30forecast [\d.]+ in [\d.]+ (ms|s) \(now -?[\d.]+\)$/);
    expect(fired.log).toHaveLength(1);
    expect(fired.log[0]).toMatchObject({ read: false });
    expect(fired.log[0].text).toMatch(/^\d\d:\d\d:\d\dtemp > 30forecast /);
    await page.screenshot({ path: `${SHOTS}/alerts-1024x640.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/alerts-1440x900.png` });
    await page.setViewportSize({ width: 1024, height: 640 });

    // Four more ramps cross 30: the rule's cooldown (1 min) keeps it to one alert.
    await page.waitForTimeout(4500);
    const later = await read(page);
    expect(later.log).toHaveLength(1);
    expect(later.logCount).toBe('1 alert, 1 new');

    await page.click('#alert-banner-ack');
    const acked = await until(page, 'the banner gone', (s) => s.banner === null);
    expect(acked.log).toEqual([{ text: expect.stringMatching(/temp > 30/), read: true }]);
    expect(acked.logCount).toBe('1 alert, 0 new');
    // The chart carries the rule: a threshold line and the foreseen crossing are drawn over it.
    expect(browser.errors).toEqual([]);
  });

  it('the rule survives a reload, can be edited and removed', async () => {
    const page = browser.page;
    await page.reload();
    const after = await until(page, 'the rule of last time', (s) => s.ready === 'true' && s.rules.length === 1);
    expect(after.rules).toEqual(['temp > 30']);
    await page.click('#alert-rules li button:text("Edit")');
    expect(await page.inputValue('#alert-amount')).toBe('30');
    await page.selectOption('#alert-kind', 'silence');
    await page.fill('#alert-amount', '45s');
    await page.click('#alert-save');
    expect((await read(page)).rules).toEqual(['temp silent 45s']);
    await page.reload();
    await until(page, 'the edited rule', (s) => s.ready === 'true' && s.rules[0] === 'temp silent 45s');
    await page.click('#alert-rules li button:text("Remove")');
    await page.reload();
    const gone = await until(page, 'no rules', (s) => s.ready === 'true' && s.channels.length > 0);
    expect(gone.rules).toEqual([]);
  });

  it('a channel that falls silent raises its alert on the clock, with no sample to carry it', async () => {
    const page = browser.page;
    await page.click('#alert-add');
    await page.selectOption('#alert-channel', 'temp');
    await page.selectOption('#alert-kind', 'silence');
    await page.fill('#alert-amount', '2');
    await page.click('#alert-save');
    expect((await read(page)).rules).toEqual(['temp silent 2s']);
    await sim.stop();
    const silent = await until(page, 'the silence alert', (s) => s.banner !== null, 15_000);
    expect(silent.banner).toMatch(/^temp silent 2sno data for [\d.]+ s \(last -?[\d.]+\)$/);
    expect(silent.log).toHaveLength(1);
    await page.click('#alert-ack-all');
    expect((await until(page, 'acknowledged', (s) => s.banner === null)).logCount).toBe('1 alert, 0 new');
  });
});
