// A page that reads too slowly (FAULTS 6, issue 10 item 1), in Chromium against an in-process
// browser-mode server with a small send queue: the page's main thread is blocked while sample
// batches pour in, the server skips what does not fit and says so, and the page shows the count
// until dismissed and reloads the history, so no skipped sample leaves a silent hole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPageServer, type PageServer } from '../../main/server/http-server';
import { createSession, type Session } from '../../main/session/create-session';
import { defaultDeps } from '../../main/session/default-deps';

import { openBrowser, type OpenBrowser } from './support/browser';

let dir: string;
let session: Session;
let server: PageServer;
let browser: OpenBrowser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-catch-up-'));
  session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps({ demoRate: 50 }) });
  server = await startPageServer({ root: 'out/renderer', handlers: session.handlers, port: 0, ws: { highWaterBytes: 256 * 1024, drainTimeoutMs: 60_000 } });
  session.onEvent((e) => server.broadcast(e));
  browser = await openBrowser(server.url);
  await browser.page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a page too slow for the live samples (FAULTS 6)', () => {
  it('shows how many samples it missed until dismissed, and reloads the history', async () => {
    const page = browser.page;
    await page.waitForFunction(() => document.getElementById('st-state')?.dataset.state === 'connected');
    const { sourceId, channels } = session.hub.status();
    // The page stops reading for 4 s (a busy main thread) while 3,000,000 samples are offered.
    const blocked = page.evaluate(() => {
      const end = Date.now() + 4000;
      while (Date.now() < end);
    });
    await new Promise((r) => setTimeout(r, 300));
    const perBatch = 20_000;
    for (let b = 0; b < 150; b++) {
      const t = Array.from({ length: perBatch }, (_, i) => 4e12 + b * perBatch + i);
      server.broadcast({ event: 'samples', payload: { sourceId: sourceId!, channels, t, values: t.map(() => channels.map(() => 12_345)), gaps: [], rejected: 0, dropped: 0 } });
      await new Promise((r) => setImmediate(r));
    }
    await blocked;
    expect(server.clients()[0].missedSamples).toBeGreaterThan(0);
    // Shown in the status line, with the server's own count (demo batches may still be skipped while it drains).
    await page.waitForSelector('#st-missed', { state: 'visible', timeout: 60_000 });
    let shown = '';
    for (const end = Date.now() + 30_000; Date.now() < end; await page.waitForTimeout(200)) {
      shown = (await page.getAttribute('#st-missed', 'data-missed')) ?? '';
      if (shown === String(server.clients()[0].missedSamples)) break;
    }
    const missed = server.clients()[0].missedSamples;
    expect(shown).toBe(String(missed));
    expect(await page.textContent('#st-missed')).toContain(`${missed.toLocaleString('en-US')} samples missed`);
    // Resynchronised: the page's series is main's history again (the offered samples are gone).
    await page.waitForFunction(() => Number(document.body.dataset.resyncs ?? 0) >= 1, undefined, { timeout: 30_000 });
    const length = await page.evaluate(() => (window as unknown as { sensorcastApp: { store: { length: number } } }).sensorcastApp.store.length);
    expect(length).toBeLessThan(10_000);
    expect(length).toBeGreaterThan(0);
    // Until acknowledged.
    await page.click('#st-missed');
    expect(await page.isHidden('#st-missed')).toBe(true);
    expect(browser.errors).toEqual([]);
  });
});
