// The page's serial monitor end to end in Debian's Chromium against `sensorcast serve`, a socat pty
// fed by the Arduino simulator: the lines arrive in the panel, a text line shows as rejected with its
// reason, Pause holds the view while lines keep coming and Resume shows them, the search filters,
// and a line typed in the send box reaches the other end of the pty with the chosen ending
// (issue 12 item 2). Screenshots at 1280x800 and 1024x640.
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ArduinoSim } from '../support/arduino-sim';
import { startPtyPair, type PtyPair } from '../support/socat-pty';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

interface MonitorRead {
  rows: { kind: string; text: string; why: string }[];
  state: string;
  paused: string;
}

async function readMonitor(page: Page): Promise<MonitorRead> {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll<HTMLElement>('#mon-lines .mon-line')].map((el) => ({
      kind: el.dataset.kind ?? '',
      text: el.querySelector('.mon-text')?.textContent ?? '',
      why: el.querySelector('.mon-why')?.textContent ?? '',
    })),
    state: document.getElementById('mon-state')?.textContent ?? '',
    paused: document.getElementById('monitor')?.dataset.paused ?? '',
  }));
}

async function until<T>(page: Page, what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(-1500)}`);
    await page.waitForTimeout(200);
    last = await read();
  }
  return last;
}

const seqOf = (text: string) => Number(/seq:(\d+)/.exec(text)?.[1] ?? -1);
const lastSeq = (m: MonitorRead) => Math.max(-1, ...m.rows.map((r) => seqOf(r.text)));

function writeToPty(path: string, text: string): void {
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

describe('the serial monitor in the page', () => {
  let served: Served;
  let browser: OpenBrowser;
  let pty: PtyPair;
  let sim: ArduinoSim;
  let board: SerialPort;
  let received = '';

  beforeAll(async () => {
    pty = await startPtyPair();
    sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: 20 });
    sim.start();
    // The board's reading end: what the page sends arrives here.
    board = new SerialPort({ path: pty.simPath, baudRate: 115200, lock: false, autoOpen: false });
    await new Promise<void>((resolve, reject) => board.open((err) => (err ? reject(err) : resolve())));
    board.on('data', (d: Buffer) => (received += d.toString('latin1')));
    served = await serve({ settings: { autoTrain: false, backend: 'cpu', source: { kind: 'serial', path: pty.devPath, baudRate: 115200 } } });
    browser = await openBrowser(served.url);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    if (board?.isOpen) await new Promise<void>((r) => board.close(() => r()));
    await served?.stop();
    await pty?.dispose();
  });

  it('shows the lines as they arrive, a text line marked rejected with its reason', async () => {
    const page = browser.page;
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
    expect(await page.isHidden('#monitor')).toBe(true);
    await page.click('#monitor-toggle');
    expect(await page.isVisible('#monitor')).toBe(true);
    expect(await page.isHidden('.main > .cards')).toBe(true);
    const first = await until(page, 'simulator lines in the monitor', () => readMonitor(page), (m) => m.rows.filter((r) => r.kind === 'data').length >= 10);
    // In order, one row per line, each exactly as the simulator wrote it.
    const seqs = first.rows.filter((r) => r.kind === 'data').map((r) => seqOf(r.text));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(first.rows.find((r) => r.kind === 'data')!.text).toMatch(/^seq:\d+,temp:-?[\d.]+,hum:\d+$/);
    writeToPty(pty.simPath, 'Failed to read from DHT sensor!\r\n');
    const m = await until(page, 'the text line', () => readMonitor(page), (r) => r.rows.some((x) => x.text.includes('DHT')));
    const bad = m.rows.filter((r) => r.text.includes('DHT'));
    expect(bad).toEqual([{ kind: 'rejected', text: 'Failed to read from DHT sensor!', why: 'rejected: text' }]);
    await page.screenshot({ path: `${SHOTS}/monitor.png` });
  });

  it('pauses the view while lines keep arriving, says how many came, and shows them on resume', async () => {
    const page = browser.page;
    await page.click('#mon-pause');
    const paused = await readMonitor(page);
    expect(paused.paused).toBe('true');
    expect(await page.textContent('#mon-pause')).toBe('Resume');
    await page.waitForTimeout(1500);
    const still = await until(page, 'new lines counted while paused', () => readMonitor(page), (r) => /Paused: \d+ new lines? since/.test(r.state) && Number(/(\d+) new/.exec(r.state)?.[1]) >= 10);
    // The view stands still.
    expect(still.rows).toEqual(paused.rows);
    const meanwhile = Number(/(\d+) new/.exec(still.state)?.[1]);
    await page.click('#mon-pause');
    const resumed = await readMonitor(page);
    expect(resumed.paused).toBe('false');
    expect(await page.textContent('#mon-pause')).toBe('Pause');
    // Every line that came meanwhile is there, in order after the ones shown before.
    const after = resumed.rows.filter((r) => r.kind === 'data' && seqOf(r.text) > lastSeq(paused));
    expect(after.length).toBeGreaterThanOrEqual(meanwhile);
    expect(after.map((r) => seqOf(r.text))).toEqual(after.map((_, i) => lastSeq(paused) + 1 + i));
  });

  it('filters the lines by the search text', async () => {
    const page = browser.page;
    await page.fill('#mon-filter', 'dht');
    const only = await readMonitor(page);
    expect(only.rows.map((r) => r.text)).toEqual(['Failed to read from DHT sensor!']);
    expect(only.state).toMatch(/^1 of [\d,]+ lines$/);
    await page.fill('#mon-filter', 'rejected');
    expect((await readMonitor(page)).rows.map((r) => r.kind)).toEqual(['rejected']);
    // A filter also applies to the lines that arrive after it.
    const seq = sim.seq + 30;
    await page.fill('#mon-filter', `seq:${seq},`);
    const one = await until(page, `line ${seq} alone`, () => readMonitor(page), (r) => r.rows.length === 1, 10_000);
    expect(seqOf(one.rows[0].text)).toBe(seq);
    await page.fill('#mon-filter', '');
    expect((await readMonitor(page)).rows.length).toBeGreaterThan(40);
  });

  it('sends a line from the send box to the board with the chosen line ending', async () => {
    const page = browser.page;
    received = '';
    await page.selectOption('#mon-ending', 'crlf');
    await page.fill('#mon-text', 'led on');
    await page.click('#mon-send-btn');
    await until(page, 'the line at the board', async () => received, (r) => r.length >= 8, 10_000);
    expect(received).toBe('led on\r\n');
    expect(await page.inputValue('#mon-text')).toBe('');
    await page.selectOption('#mon-ending', 'none');
    await page.fill('#mon-text', 'rate 5');
    await page.press('#mon-text', 'Enter');
    await until(page, 'the second line at the board', async () => received, (r) => r.length >= 14, 10_000);
    expect(received).toBe('led on\r\nrate 5');
    const m = await until(page, 'the sent lines in the monitor', () => readMonitor(page), (r) => r.rows.filter((x) => x.kind === 'sent').length === 2);
    expect(m.rows.filter((x) => x.kind === 'sent').map((x) => x.text)).toEqual(['> led on', '> rate 5']);
    // The ending chosen is kept for next time.
    expect(await page.evaluate(() => localStorage.getItem('sensorcast.monitor.ending'))).toBe('none');
  });

  it('fits at 1024x640 and closes back to the cards', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.waitForTimeout(500);
    const box = await page.evaluate(() => {
      const r = (id: string) => document.getElementById(id)!.getBoundingClientRect();
      return { monitor: r('monitor'), send: r('mon-send-btn'), chart: r('chart'), status: r('status-line') };
    });
    expect(box.send.bottom).toBeLessThanOrEqual(box.status.top);
    expect(box.send.right).toBeLessThanOrEqual(1024);
    expect(box.chart.height).toBeGreaterThan(150);
    await page.screenshot({ path: `${SHOTS}/monitor-1024x640.png` });
    await page.click('#mon-close');
    expect(await page.isHidden('#monitor')).toBe(true);
    expect(await page.isVisible('.main > .cards')).toBe(true);
    expect(browser.errors).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
