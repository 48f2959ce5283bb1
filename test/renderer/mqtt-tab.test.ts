// The MQTT tab, end to end in Debian's Chromium against `sensorcast serve` and a real mosquitto
// with a password file: a wrong password is shown as bad credentials (and the password nowhere),
// the right one connects, JSON payloads published with mqtt.js show as channels and samples, and
// the source is remembered without its password.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectAsync, type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMosquitto, type Mosquitto } from '../support/mosquitto';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { pollPage } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

async function read(page: Page) {
  return page.evaluate(() => {
    const app = (window as unknown as { sensorcastApp?: { store: { latest: Map<string, number> } } }).sensorcastApp;
    const toast = document.getElementById('toast');
    return {
      ready: document.body.dataset.ready,
      state: document.getElementById('st-state')?.dataset.state,
      label: document.getElementById('st-label')?.textContent ?? '',
      channels: [...document.querySelectorAll<HTMLElement>('#channels li')].map((li) => li.dataset.channel),
      latest: Object.fromEntries(app?.store.latest ?? []),
      toast: toast && !toast.hidden ? { code: toast.dataset.code, text: toast.textContent ?? '' } : null,
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 20_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 100);

describe('the MQTT tab', () => {
  let broker: Mosquitto;
  let served: Served;
  let browser: OpenBrowser;
  let publisher: MqttClient;

  beforeAll(async () => {
    broker = await startMosquitto({ users: { ann: 'barn-pw-1', esp: 'esp-pw' } });
    publisher = await connectAsync(broker.url, { reconnectPeriod: 0, username: 'esp', password: 'esp-pw' });
    served = await serve({ settings: { autoTrain: false, backend: 'wasm' } });
    browser = await openBrowser(served.url, { viewport: { width: 1024, height: 640 } });
  });

  afterAll(async () => {
    await browser?.close();
    await publisher?.endAsync(true);
    await served?.stop();
    await broker?.dispose();
  });

  it('a wrong password says bad credentials; the right one reads JSON payloads as channels', async () => {
    const page = browser.page;
    await until(page, 'the page on the demo', (s) => s.ready === 'true' && s.state === 'connected');
    await page.click('#kind-mqtt');
    await page.fill('#mqtt-url', broker.url);
    await page.fill('#mqtt-topics', 'farm/+/state');
    await page.fill('#mqtt-username', 'ann');
    await page.fill('#mqtt-password', 'not-the-pw');
    await page.click('#connect');
    const refused = await until(page, 'the refusal', (s) => s.toast !== null);
    expect(refused.toast!.code).toBe('BAD_CREDENTIALS');
    expect(refused.toast!.text).toContain(`${broker.url} farm/+/state: the broker refused the user name or password (user "ann")`);
    expect(refused.toast!.text).toMatch(/check them \(mosquitto: the password_file\)/);
    expect(JSON.stringify(refused)).not.toContain('not-the-pw');
    await page.screenshot({ path: `${SHOTS}/mqtt-bad-credentials-1024x640.png` });

    await page.fill('#mqtt-password', 'barn-pw-1');
    await page.click('#connect');
    await until(page, 'connected to the broker', (s) => s.state === 'connected' && s.label.includes(broker.url));
    let temp = 20;
    const timer = setInterval(() => {
      temp += 0.5;
      void publisher.publishAsync('farm/barn/state', JSON.stringify({ temp, hum: 41, bme: { pressure: 1013.25 } }), { qos: 1 });
      void publisher.publishAsync('farm/shed/state', JSON.stringify({ temp: -2.5 }), { qos: 1 });
    }, 50);
    try {
      const live = await until(page, 'the channels and their samples', (s) => s.channels.length >= 4 && (s.latest['barn/state/temp'] ?? 0) > 21);
      expect([...live.channels].sort()).toEqual(['barn/state/bme.pressure', 'barn/state/hum', 'barn/state/temp', 'shed/state/temp']);
      expect(live.latest).toMatchObject({ 'barn/state/hum': 41, 'barn/state/bme.pressure': 1013.25, 'shed/state/temp': -2.5 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SHOTS}/mqtt-tab-1024x640.png` });
      // The monitor shows the messages as they arrived, `topic payload`; it sends nothing to a broker.
      await page.click('#monitor-toggle');
      await page.waitForFunction(() => [...document.querySelectorAll('#mon-lines .mon-text')].some((el) => el.textContent?.startsWith('farm/shed/state {"temp":-2.5}')), undefined, { timeout: 10_000 });
      expect(await page.isDisabled('#mon-text')).toBe(true);
      expect(await page.textContent('#mon-title')).toBe('MQTT monitor');
      expect(await page.getAttribute('#mon-text', 'placeholder')).toBe('MQTT messages are read only here');
      await page.screenshot({ path: `${SHOTS}/mqtt-monitor-1024x640.png` });
      await page.click('#monitor-toggle');
    } finally {
      clearInterval(timer);
    }
    // Remembered for the next start, without the password.
    const settings = readFileSync(join(served.dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings).source).toEqual({ kind: 'mqtt', url: broker.url, topics: ['farm/+/state'], username: 'ann' });
    expect(settings).not.toContain('barn-pw-1');
    expect(browser.errors).toEqual([]);
  });
});
