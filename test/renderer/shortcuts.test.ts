// Every command of the page from its keyboard shortcut and as an app-menu event (the README's
// shortcuts), in Chromium without WebGL on the demo (support/no-webgl-page.ts, as faults.test.ts):
// recording, CSV export, saving and loading a model, training and cancelling, opening a file and
// the demo, following the live data after a zoom.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useNoWebglPage, VIAS } from './support/no-webgl-page';

const h = useNoWebglPage({ trained: true });

describe('every command from its keyboard shortcut and from the app menu', () => {
  it("lists the README's shortcuts on the page", async () => {
    const keys = await h.page.$$eval('#shortcut-list dt', (dts) => dts.map((d) => d.textContent));
    expect(keys).toEqual(['Ctrl+Enter', 'Esc', 'Ctrl+O', 'Ctrl+D', 'Ctrl+Shift+R', 'Ctrl+Shift+E', 'Ctrl+Shift+P', 'Ctrl+S', 'Ctrl+Shift+L', '0']);
  });

  it.each(VIAS)('starts and stops recording from %s (Ctrl+Shift+R)', async (via) => {
    await h.run('toggle-recording', via);
    await h.until('recording', (s) => s.recording.startsWith('● recording'));
    expect(h.session.hub.status().recording.on).toBe(true);
    await h.page.waitForTimeout(1200);
    await h.run('toggle-recording', via);
    await h.until('not recording', (s) => s.recording === 'not recording');
    expect(h.session.hub.status().recording.on).toBe(false);
    const files = readdirSync(join(h.dir, 'recordings'));
    const rows = files.map((f) => readFileSync(join(h.dir, 'recordings', f), 'utf8').trim().split('\n').length);
    expect(Math.max(...rows)).toBeGreaterThan(10);
  });

  it.each(VIAS)('exports the forecasts as CSV from %s (Ctrl+Shift+E)', async (via) => {
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.run('export-csv', via)]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
    expect(lines.length).toBeGreaterThan(1);
  });

  it.each(VIAS)('saves the model and loads it back from %s (Ctrl+S, Ctrl+Shift+L)', async (via) => {
    const name = via === 'the menu' ? 'menu-model' : 'keys-model';
    await h.page.fill('#model-name', name);
    await h.run('save-model', via);
    await h.page.waitForFunction((n) => [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].some((o) => o.value === n), name);
    const listed = await h.session.handlers.listModels(undefined);
    expect(listed.ok && listed.value.map((m) => m.name)).toContain(name);
    await h.page.selectOption('#model-list', name);
    await h.page.evaluate(() => (document.getElementById('train-text')!.textContent = ''));
    await h.run('load-model', via);
    await h.until('the model loaded', (s) => s.trainText === 'Model loaded.' && s.model === 'ready');
  });

  it.each(VIAS)('trains and cancels the training from %s (Ctrl+Enter, Esc)', async (via) => {
    // Why a big file: the demo's few hundred rows train to an early stop in well under a second on
    // the kernel, before a cancel could land; ETTh1's 17,420 rows keep the engine busy for seconds.
    const [chooser] = await Promise.all([h.page.waitForEvent('filechooser'), h.run('open-file', 'its shortcut')]);
    await chooser.setFiles('scripts/bench/data/ETTh1.csv');
    await h.until('the big file on the chart', (s) => s.subtitle.startsWith('ETTh1.csv'), 60_000);
    await h.page.fill('#epochs', '500');
    await h.page.dispatchEvent('#epochs', 'change');
    await h.run('train', via);
    await h.until('training', (s) => s.training && /^Epoch|Training/.test(s.trainText), 60_000);
    await h.run('cancel-training', via);
    const v = await h.until('training stopped', (s) => !s.training, 30_000);
    expect(v.trainText).toMatch(/cancel/i);
    await h.page.fill('#epochs', '2');
    await h.page.dispatchEvent('#epochs', 'change');
    await h.run('demo', via);
    await h.until('the demo live again', (s) => s.label === 'Demo' && s.state === 'connected' && !s.subtitle.startsWith('ETTh1'));
  });

  it.each(VIAS)('opens a CSV (Ctrl+O), and goes back to the live demo from %s (Ctrl+D)', async (via) => {
    // Ctrl+O by key only: in browser mode a file chooser needs a user gesture, and the app menu
    // exists only in Electron, where Open asks main for a native dialog.
    const [chooser] = await Promise.all([h.page.waitForEvent('filechooser'), h.run('open-file', 'its shortcut')]);
    expect(await h.page.getAttribute('#kind-file', 'aria-selected')).toBe('true');
    await chooser.setFiles('test/fixtures/series/AirPassengers.csv');
    await h.until('the file on the chart', (s) => s.subtitle === 'AirPassengers.csv: 144 rows');
    await h.run('demo', via);
    const v = await h.until('the demo live again', (s) => s.label === 'Demo' && s.state === 'connected' && !s.subtitle.startsWith('AirPassengers'));
    expect(v.label).toBe('Demo');
    expect(await h.page.getAttribute('#kind-demo', 'aria-selected')).toBe('true');
  });

  it.each(VIAS)('follows the live data again from %s (0) after a zoom paused it', async (via) => {
    const box = (await h.page.locator('#chart').boundingBox())!;
    await h.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await h.page.mouse.wheel(0, -400);
    await h.until('a zoom to pause following', (s) => s.following === false, 10_000);
    if (via === 'its shortcut') {
      // A 0 typed in a field is the field's.
      await h.page.fill('#model-name', '');
      await h.page.type('#model-name', '0');
      expect(await h.page.inputValue('#model-name')).toBe('0');
      expect((await h.view()).following).toBe(false);
    }
    await h.run('reset-zoom', via);
    await h.until('following again', (s) => s.following === true, 10_000);
  });
});

describe('the whole run', () => {
  it('made no request outside the app and logged no errors', () => {
    expect(h.browser.foreignRequests).toEqual([]);
    expect(h.browser.errors).toEqual([]);
  });
});
