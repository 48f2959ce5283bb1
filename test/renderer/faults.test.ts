// The page in Chromium with WebGL turned off (FAULTS 23), against an in-process browser-mode server
// on the demo: the worker falls back to wasm by itself and trains; then every keyboard shortcut and
// the same command sent as an app-menu event, the chart saved as PNG, and dark mode.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPageServer, type PageServer } from '../../main/server/http-server';
import { createSession, type Session } from '../../main/session/create-session';
import { defaultDeps } from '../../main/session/default-deps';
import type { MenuAction } from '../../shared/api/contract';

import { openBrowser, type OpenBrowser } from './support/browser';
import { countNear, PNG_SIGNATURE, readPng } from './support/png';

/** No WebGL anywhere, the worker's OffscreenCanvas included (`--disable-webgl` alone leaves workers theirs). */
const NO_WEBGL = ['--disable-software-rasterizer', '--disable-webgl', '--disable-3d-apis'];
mkdirSync('test-results', { recursive: true });

let dir: string;
let session: Session;
let server: PageServer;
let browser: OpenBrowser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-faults-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ epochs: 2 }));
  // softwareWebgl: the page would take SwiftShader WebGL if Chromium gave it any.
  session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps({ demoRate: 25 }), softwareWebgl: true });
  server = await startPageServer({ root: 'out/renderer', handlers: session.handlers, port: 0 });
  session.onEvent((e) => server.broadcast(e));
  browser = await openBrowser(server.url, { args: NO_WEBGL });
  page = browser.page;
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 60_000 });
  if ((await page.getAttribute('body', 'data-ready')) !== 'true') throw new Error(`the page did not start: ${await page.textContent('#toast')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** What the page shows. */
function view() {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const app = (window as unknown as { sensorcastApp?: { chart: { following: boolean } } }).sensorcastApp;
    return {
      backend: document.body.dataset.backend,
      model: document.body.dataset.model,
      state: document.getElementById('st-state')?.dataset.state,
      label: text('st-label'),
      backendText: text('st-backend'),
      backendTitle: document.getElementById('st-backend')?.title ?? '',
      recording: text('st-recording'),
      trainText: text('train-text'),
      training: (document.getElementById('train') as HTMLButtonElement | null)?.disabled ?? false,
      subtitle: text('chart-sub'),
      following: app?.chart.following,
      toast: document.getElementById('toast')?.hidden ? '' : text('toast'),
    };
  });
}
type View = Awaited<ReturnType<typeof view>>;

async function until(what: string, ok: (v: View) => boolean, timeoutMs = 30_000): Promise<View> {
  const end = Date.now() + timeoutMs;
  let last = await view();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 800)}`);
    await page.waitForTimeout(200);
    last = await view();
  }
  return last;
}

const KEYS: Record<MenuAction, string> = {
  train: 'Control+Enter',
  'cancel-training': 'Escape',
  'open-file': 'Control+o',
  demo: 'Control+d',
  'toggle-recording': 'Control+Shift+R',
  'export-csv': 'Control+Shift+E',
  'export-png': 'Control+Shift+P',
  'save-model': 'Control+s',
  'load-model': 'Control+Shift+L',
  'reset-zoom': '0',
};

type Via = 'its shortcut' | 'the menu';
const VIAS: Via[] = ['its shortcut', 'the menu'];

/** Runs a command the way a user does: its key (nothing focused), or the app menu (a `menu` event, as main sends it). */
async function run(action: MenuAction, via: Via): Promise<void> {
  if (via === 'the menu') return server.broadcast({ event: 'menu', payload: action });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(KEYS[action]);
}

async function savedPng(via: Via) {
  const [download] = await Promise.all([page.waitForEvent('download'), run('export-png', via)]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  return readFileSync(await download.path());
}

const hex = (rgb: Uint8Array) => `#${[...rgb].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The page's colours now: its background, and the chart's (the CSS variables the chart reads). */
function colours() {
  return page.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    return { body: getComputedStyle(document.body).backgroundColor, chartBg: css.getPropertyValue('--chart-bg').trim(), actual: css.getPropertyValue('--actual').trim() };
  });
}

describe('the page without WebGL (FAULTS 23)', () => {
  it('falls back to wasm by itself when WebGL cannot start, trains and says so', async () => {
    // The premise: neither a page nor a worker gets a WebGL context in this Chromium (probed on a
    // blank page of the same browser: the app's CSP rightly refuses blob: workers).
    const probe = await browser.context.newPage();
    const gl = await probe.evaluate(async () => {
      const inPage = ['webgl', 'webgl2'].map((k) => document.createElement('canvas').getContext(k) !== null);
      const src = "postMessage(['webgl', 'webgl2'].map((k) => new OffscreenCanvas(1, 1).getContext(k) !== null))";
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
      const inWorker = await new Promise<boolean[]>((r) => (w.onmessage = (e) => r(e.data as boolean[])));
      w.terminate();
      return { inPage, inWorker };
    });
    await probe.close();
    expect(gl).toEqual({ inPage: [false, false], inWorker: [false, false] });
    const v = await until('a model trained without WebGL', (s) => s.model === 'ready' && s.backend !== undefined, 150_000);
    expect(['wasm', 'cpu']).toContain(v.backend);
    expect(v.backendText).toBe(`tfjs: ${v.backend}`);
    expect(v.backendTitle).toMatch(/^webgl unavailable: /);
    // Chosen automatically: the setting still says auto.
    expect(await page.inputValue('#backend')).toBe('auto');
  });
});

describe('every command from its keyboard shortcut and from the app menu', () => {
  it("lists the README's shortcuts on the page", async () => {
    const keys = await page.$$eval('#shortcut-list dt', (dts) => dts.map((d) => d.textContent));
    expect(keys).toEqual(['Ctrl+Enter', 'Esc', 'Ctrl+O', 'Ctrl+D', 'Ctrl+Shift+R', 'Ctrl+Shift+E', 'Ctrl+Shift+P', 'Ctrl+S', 'Ctrl+Shift+L', '0']);
  });

  it.each(VIAS)('starts and stops recording from %s (Ctrl+Shift+R)', async (via) => {
    await run('toggle-recording', via);
    await until('recording', (s) => s.recording.startsWith('● recording'));
    expect(session.hub.status().recording.on).toBe(true);
    await page.waitForTimeout(1200);
    await run('toggle-recording', via);
    await until('not recording', (s) => s.recording === 'not recording');
    expect(session.hub.status().recording.on).toBe(false);
    const files = readdirSync(join(dir, 'recordings'));
    const rows = files.map((f) => readFileSync(join(dir, 'recordings', f), 'utf8').trim().split('\n').length);
    expect(Math.max(...rows)).toBeGreaterThan(10);
  });

  it.each(VIAS)('exports the forecasts as CSV from %s (Ctrl+Shift+E)', async (via) => {
    const [download] = await Promise.all([page.waitForEvent('download'), run('export-csv', via)]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
    expect(lines.length).toBeGreaterThan(1);
  });

  it.each(VIAS)('saves the model and loads it back from %s (Ctrl+S, Ctrl+Shift+L)', async (via) => {
    const name = via === 'the menu' ? 'menu-model' : 'keys-model';
    await page.fill('#model-name', name);
    await run('save-model', via);
    await page.waitForFunction((n) => [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].some((o) => o.value === n), name);
    const listed = await session.handlers.listModels(undefined);
    expect(listed.ok && listed.value.map((m) => m.name)).toContain(name);
    await page.selectOption('#model-list', name);
    await page.evaluate(() => (document.getElementById('train-text')!.textContent = ''));
    await run('load-model', via);
    await until('the model loaded', (s) => s.trainText === 'Model loaded.' && s.model === 'ready');
  });

  it.each(VIAS)('trains and cancels the training from %s (Ctrl+Enter, Esc)', async (via) => {
    await page.fill('#epochs', '500');
    await page.dispatchEvent('#epochs', 'change');
    await run('train', via);
    await until('training', (s) => s.training && /^Epoch|Training/.test(s.trainText), 60_000);
    await run('cancel-training', via);
    const v = await until('training stopped', (s) => !s.training, 30_000);
    expect(v.trainText).toMatch(/cancel/i);
    await page.fill('#epochs', '2');
    await page.dispatchEvent('#epochs', 'change');
  });

  it.each(VIAS)('opens a CSV (Ctrl+O), and goes back to the live demo from %s (Ctrl+D)', async (via) => {
    // Ctrl+O by key only: in browser mode a file chooser needs a user gesture, and the app menu
    // exists only in Electron, where Open asks main for a native dialog.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), run('open-file', 'its shortcut')]);
    expect(await page.getAttribute('#kind-file', 'aria-selected')).toBe('true');
    await chooser.setFiles('test/fixtures/series/AirPassengers.csv');
    await until('the file on the chart', (s) => s.subtitle === 'AirPassengers.csv: 144 rows');
    await run('demo', via);
    const v = await until('the demo live again', (s) => s.label === 'Demo' && s.state === 'connected' && !s.subtitle.startsWith('AirPassengers'));
    expect(v.label).toBe('Demo');
    expect(await page.getAttribute('#kind-demo', 'aria-selected')).toBe('true');
  });

  it.each(VIAS)('follows the live data again from %s (0) after a zoom paused it', async (via) => {
    const box = (await page.locator('#chart').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await until('a zoom to pause following', (s) => s.following === false, 10_000);
    if (via === 'its shortcut') {
      // A 0 typed in a field is the field's.
      await page.fill('#model-name', '');
      await page.type('#model-name', '0');
      expect(await page.inputValue('#model-name')).toBe('0');
      expect((await view()).following).toBe(false);
    }
    await run('reset-zoom', via);
    await until('following again', (s) => s.following === true, 10_000);
  });
});

describe('the chart as PNG, and dark mode', () => {
  it.each(VIAS)('saves the chart from %s (Ctrl+Shift+P) as a real PNG, as wide as the chart and taller by its title, with the lines drawn', async (via) => {
    const file = await savedPng(via);
    expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const png = readPng(file);
    const canvas = await page.$eval('#chart', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
    // The chart under its title band (ui/export-png.ts): as wide, taller.
    expect(png.width).toBe(canvas.width);
    expect(png.height).toBeGreaterThan(canvas.height);
    expect(png.width).toBeGreaterThan(300);
    const { chartBg, actual } = await colours();
    // Not blank: the background fills most of it, the actual line and the axis text the rest.
    expect(countNear(png, chartBg, 2)).toBeGreaterThan(png.width * png.height * 0.3);
    expect(countNear(png, actual)).toBeGreaterThan(100);
    const distinct = new Set<number>();
    for (let i = 0; i < png.rgba.length; i += 4) distinct.add((png.rgba[i] << 16) | (png.rgba[i + 1] << 8) | png.rgba[i + 2]);
    expect(distinct.size).toBeGreaterThan(50);
  });

  it('follows the OS into dark mode and back: the page, the chart and its PNG change colour', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    const lightPng = readPng(await savedPng('its shortcut'));
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(dark.body).not.toBe(light.body);
    expect(dark.chartBg).not.toBe(light.chartBg);
    expect(dark.actual).not.toBe(light.actual);
    await page.waitForTimeout(500);
    const darkPng = readPng(await savedPng('its shortcut'));
    // The corner is the chart background; the actual line is drawn in the dark palette's colour.
    expect(hex(lightPng.rgba.subarray(0, 3))).toBe(light.chartBg);
    expect(hex(darkPng.rgba.subarray(0, 3))).toBe(dark.chartBg);
    expect(countNear(darkPng, dark.chartBg, 2)).toBeGreaterThan(darkPng.width * darkPng.height * 0.3);
    expect(countNear(darkPng, dark.actual)).toBeGreaterThan(100);
    await page.screenshot({ path: 'test-results/faults-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    expect((await colours()).body).toBe(light.body);
  });
});

describe('the whole run', () => {
  it('made no request outside the app and logged no errors', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
