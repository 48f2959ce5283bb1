// The page in Chromium with WebGL turned off (FAULTS 23), against an in-process browser-mode
// server on the demo, and what its tests read off it: the view, waiting for a state, running a
// command by its key or the app menu, the chart saved as PNG, the colours. Callers:
// test/renderer/faults.test.ts, shortcuts.test.ts and chart-png.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { startPageServer, type PageServer } from '../../../main/server/http-server';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import type { MenuAction } from '../../../shared/api/contract';

import { openBrowser, type OpenBrowser } from './browser';

/** No WebGL anywhere, the worker's OffscreenCanvas included (`--disable-webgl` alone leaves workers theirs). */
const NO_WEBGL = ['--disable-software-rasterizer', '--disable-webgl', '--disable-3d-apis'];

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

export type Via = 'its shortcut' | 'the menu';
export const VIAS: Via[] = ['its shortcut', 'the menu'];

export const hex = (rgb: Uint8Array) => `#${[...rgb].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** What the page shows. */
function readView(page: Page) {
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
export type View = Awaited<ReturnType<typeof readView>>;

export interface NoWebglPage {
  /** The app's data folder (settings, recordings, models). */
  dir: string;
  session: Session;
  server: PageServer;
  browser: OpenBrowser;
  page: Page;
  view(): Promise<View>;
  /** Polls the view until `ok`; throws with what the page shows after `timeoutMs` (default 30 s). */
  until(what: string, ok: (v: View) => boolean, timeoutMs?: number): Promise<View>;
  /** Runs a command the way a user does: its key (nothing focused), or the app menu (a `menu` event, as main sends it). */
  run(action: MenuAction, via: Via): Promise<void>;
  /** Saves the chart as PNG through `via`; the file's bytes. */
  savedPng(via: Via): Promise<Buffer>;
  /** The page's colours now: its background, and the chart's (the CSS variables the chart reads). */
  colours(): Promise<{ body: string; chartBg: string; actual: string }>;
  close(): Promise<void>;
}

/** Starts the app (2 training epochs, the demo at 25 rows/s) and opens its page without WebGL, once it is ready. */
async function openNoWebglPage(): Promise<NoWebglPage> {
  mkdirSync('test-results', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-faults-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ epochs: 2 }));
  // softwareWebgl: the page would take SwiftShader WebGL if Chromium gave it any.
  const session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps({ demoRate: 25 }), softwareWebgl: true });
  const server = await startPageServer({ root: 'out/renderer', handlers: session.handlers, port: 0 });
  session.onEvent((e) => server.broadcast(e));
  const browser = await openBrowser(server.url, { args: NO_WEBGL });
  const page = browser.page;
  const h: NoWebglPage = {
    dir,
    session,
    server,
    browser,
    page,
    view: () => readView(page),
    async until(what, ok, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      let last = await readView(page);
      while (!ok(last)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page shows ${JSON.stringify(last).slice(0, 800)}`);
        await page.waitForTimeout(200);
        last = await readView(page);
      }
      return last;
    },
    async run(action, via) {
      if (via === 'the menu') return server.broadcast({ event: 'menu', payload: action });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press(KEYS[action]);
    },
    async savedPng(via) {
      const [download] = await Promise.all([page.waitForEvent('download'), h.run('export-png', via)]);
      expect(download.suggestedFilename()).toMatch(/\.png$/);
      return readFileSync(await download.path());
    },
    colours: () =>
      page.evaluate(() => {
        const css = getComputedStyle(document.documentElement);
        return { body: getComputedStyle(document.body).backgroundColor, chartBg: css.getPropertyValue('--chart-bg').trim(), actual: css.getPropertyValue('--actual').trim() };
      }),
    async close() {
      await browser.close();
      await server.close();
      await session.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, undefined, { timeout: 60_000 });
    if ((await page.getAttribute('body', 'data-ready')) !== 'true') throw new Error(`the page did not start: ${await page.textContent('#toast')}`);
  } catch (err) {
    await h.close();
    throw err;
  }
  return h;
}

/**
 * Opens the page before a test file's tests and closes it after them; with `trained`, waits first
 * for the model the page trains on the demo by itself (epochs: 2), which most commands need.
 * The returned object is filled in by the time the tests run.
 */
export function useNoWebglPage(options: { trained?: boolean } = {}): NoWebglPage {
  const h = {} as NoWebglPage;
  beforeAll(async () => {
    Object.assign(h, await openNoWebglPage());
    if (options.trained) await h.until('a model trained', (s) => s.model === 'ready', 150_000);
  });
  afterAll(async () => {
    await h.close?.();
  });
  return h;
}
