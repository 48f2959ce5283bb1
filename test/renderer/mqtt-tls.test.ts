// The MQTT tab's TLS options, end to end in Debian's Chromium against `sensorcast serve` (browser
// mode) and mqtt-kit's mosquitto with a certificate signed by an openssl-made CA: shown only for
// mqtts://; without the CA file the page shows TLS_FAILED with its hint; a CA file outside the
// server's data folder is refused; the one inside it connects and samples arrive; the options are
// remembered and filled in again after a reload; "accept any certificate" warns and connects.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Mosquitto } from '../support/mosquitto';
import { mqttKit } from '../support/mqtt-kit';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { pollPage } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

async function read(page: Page) {
  return page.evaluate(() => {
    const app = (window as unknown as { sensorcastApp?: { store: { latest: Map<string, number> } } }).sensorcastApp;
    const toast = document.getElementById('toast');
    const shown = (id: string) => {
      const el = document.getElementById(id);
      return el !== null && el.offsetParent !== null;
    };
    return {
      ready: document.body.dataset.ready,
      state: document.getElementById('st-state')?.dataset.state,
      label: document.getElementById('st-label')?.textContent ?? '',
      latest: Object.fromEntries(app?.store.latest ?? []),
      toast: toast && !toast.hidden ? { code: toast.dataset.code, text: toast.textContent ?? '', hint: toast.querySelector('.hint')?.textContent ?? '' } : null,
      tlsShown: shown('mqtt-tls'),
      browseShown: shown('mqtt-ca-browse'),
      warningShown: shown('mqtt-insecure-warning'),
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 20_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 100);

/** Clicks Connect and waits for the page's answer: an error toast, or the broker's label on the status bar. */
async function connect(page: Page, url: string): Promise<Read> {
  await page.evaluate(() => document.getElementById('toast')?.setAttribute('hidden', ''));
  await page.click('#connect');
  return until(page, 'an answer to Connect', (s) => s.toast !== null || (s.state === 'connected' && s.label.includes(url)));
}

describe('the MQTT tab over TLS', () => {
  const kit = mqttKit();
  let broker: Mosquitto;
  let served: Served;
  let browser: OpenBrowser;
  /** The source the server remembered in its settings file. */
  const remembered = () => (JSON.parse(readFileSync(join(served.dataDir, 'settings.json'), 'utf8')) as { source: unknown }).source;

  beforeAll(async () => {
    broker = await kit.broker({ tls: true });
    served = await serve({ settings: { autoTrain: false, backend: 'wasm' } });
    browser = await openBrowser(served.url, { viewport: { width: 1024, height: 640 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await kit.cleanup();
  });

  it('without the CA: TLS_FAILED and its hint; with the CA file in the data folder: connected and remembered', async () => {
    const page = browser.page;
    await until(page, 'the page on the demo', (s) => s.ready === 'true' && s.state === 'connected');
    await page.click('#kind-mqtt');
    await page.fill('#mqtt-url', 'mqtt://127.0.0.1:1883');
    expect((await read(page)).tlsShown).toBe(false);
    await page.fill('#mqtt-url', broker.url);
    await page.fill('#mqtt-topics', 'lab/#');
    const tab = await read(page);
    expect(tab.tlsShown).toBe(true);
    expect(tab.browseShown).toBe(false); // browser mode: no file dialog, a path on the server

    const refused = await connect(page, broker.url);
    expect(refused.toast?.code).toBe('TLS_FAILED');
    expect(refused.toast?.text).toMatch(/self[- ]signed|unable to verify|certificate/i);
    expect(refused.toast?.hint).toMatch(/the CA certificate/);
    await page.screenshot({ path: `${SHOTS}/mqtt-tls-failed-1024x640.png` });

    // The page may name only files in the server's data folder.
    await page.fill('#mqtt-ca', broker.caPath!);
    const outside = await connect(page, broker.url);
    expect(outside.toast?.code).toBe('forbidden');
    expect(outside.toast?.hint).toMatch(/data folder/);

    const caPath = join(served.dataDir, 'data', 'ca.crt');
    mkdirSync(join(served.dataDir, 'data'), { recursive: true });
    copyFileSync(broker.caPath!, caPath);
    await page.fill('#mqtt-ca', caPath);
    const on = await connect(page, broker.url);
    expect(on.toast).toBeNull();
    const publisher = await connectAsync(broker.url, { reconnectPeriod: 0, ca: readFileSync(broker.caPath!) });
    kit.defer(() => publisher.endAsync(true));
    const timer = setInterval(() => void publisher.publishAsync('lab/temp', '21.5', { qos: 1 }), 100);
    try {
      await until(page, 'a sample over TLS', (s) => s.latest['temp'] === 21.5);
    } finally {
      clearInterval(timer);
    }
    await expect.poll(remembered).toEqual({ kind: 'mqtt', url: broker.url, topics: ['lab/#'], tls: { caPath } });

    // After a reload the MQTT tab is the one shown (the source is still on), filled in again from the remembered source.
    await page.reload();
    await until(page, 'the page again', (s) => s.ready === 'true');
    expect(await page.getAttribute('#kind-mqtt', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#mqtt-fields')).toBe(true);
    expect(await page.inputValue('#mqtt-url')).toBe(broker.url);
    expect(await page.inputValue('#mqtt-ca')).toBe(caPath);
    expect((await read(page)).tlsShown).toBe(true);
  });

  it('"accept any certificate" shows its warning and connects without the CA', async () => {
    const page = browser.page;
    await page.fill('#mqtt-ca', '');
    expect((await read(page)).warningShown).toBe(false);
    await page.check('#mqtt-insecure');
    expect((await read(page)).warningShown).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mqtt-tls-insecure-1024x640.png` });
    await page.click('#disconnect');
    await until(page, 'disconnected', (s) => !s.label.includes(broker.url));
    const on = await connect(page, broker.url);
    expect(on.toast).toBeNull();
    // The status bar can say connected a moment before the server has written its settings.
    await expect.poll(remembered).toEqual({ kind: 'mqtt', url: broker.url, topics: ['lab/#'], tls: { rejectUnauthorized: false } });
    expect(browser.errors).toEqual([]);
  });
});
