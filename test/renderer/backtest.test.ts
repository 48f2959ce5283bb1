// The in-app backtest end to end in Debian's Chromium against `sensorcast serve` (issue 13 item
// 3): a dropped CSV, Backtest, progress, the table with every method the model offers (MAE, RMSE,
// MASE, coverage, the pick), the chart of one origin moved with the slider, and Esc and Cancel
// stopping a run.
import { mkdirSync, readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { dropFile, pollPage } from './support/poll';

const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });

async function read(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const dialog = document.getElementById('backtest-dialog') as HTMLDialogElement | null;
    const rows = [...document.querySelectorAll<HTMLTableRowElement>('#bt-table tbody tr')].map((tr) => ({
      method: tr.dataset.method,
      pick: tr.dataset.pick === 'true',
      cells: [...tr.cells].slice(1).map((c) => c.textContent ?? ''),
    }));
    return {
      ready: document.body.dataset.ready,
      subtitle: text('chart-sub'),
      open: dialog?.open ?? false,
      state: dialog?.dataset.state,
      status: text('bt-status'),
      progress: Number(document.getElementById('bt-progress')?.getAttribute('aria-valuenow') ?? 0),
      head: [...document.querySelectorAll('#bt-table thead th')].map((th) => th.textContent),
      rows,
      verdict: text('bt-verdict'),
      notes: text('bt-notes'),
      origin: text('bt-origin-text'),
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 30_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 200);

/** Milliseconds from `act` until the dialog's state leaves 'running', timed in the page. */
async function timeToStop(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const d = document.getElementById('backtest-dialog')!;
    const w = window as unknown as { stopAt?: number; startAt?: number };
    w.startAt = performance.now();
    w.stopAt = undefined;
    new MutationObserver((_, obs) => {
      if (d.dataset.state !== 'running') {
        w.stopAt = performance.now();
        obs.disconnect();
      }
    }).observe(d, { attributes: true, attributeFilter: ['data-state'] });
  });
  await act();
  const handle = await page.waitForFunction(() => (window as unknown as { stopAt?: number }).stopAt, undefined, { timeout: 10_000 });
  await handle.dispose();
  return page.evaluate(() => {
    const w = window as unknown as { stopAt: number; startAt: number };
    return w.stopAt - w.startAt;
  });
}

describe('the backtest dialog in Chromium (tfjs wasm): a CSV, every method scored, cancel', () => {
  let served: Served;
  let browser: OpenBrowser;

  beforeAll(async () => {
    served = await serve({ settings: { autoTrain: false, epochs: 8, horizon: 6, backend: 'wasm' } });
    browser = await openBrowser(served.url);
    await until(browser.page, 'the page', (v) => v.ready === 'true');
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('backtests a dropped CSV: the table of every method with coverage and the pick, and one origin charted', async () => {
    const page = browser.page;
    await dropFile(page, 'nottem.csv', readFileSync('test/fixtures/series/nottem.csv', 'utf8'));
    await until(page, 'the file on the chart', (v) => v.subtitle.startsWith('nottem.csv'));
    await page.click('#backtest');
    const running = await until(page, 'the backtest to start', (v) => v.open && v.state === 'running');
    expect(running.status).not.toBe('');
    const v = await until(page, 'the backtest table', (s) => s.state === 'done', 120_000);
    expect(v.head).toEqual(['Method', 'MAE', 'RMSE', 'MASE', 'Coverage']);
    const methods = v.rows.map((r) => r.method);
    // Every method the model offers, the baselines included; the pick marked once.
    for (const m of ['linear', 'seasonal-naive', 'naive']) expect(methods).toContain(m);
    expect(v.rows.filter((r) => r.pick)).toHaveLength(1);
    for (const r of v.rows) {
      expect(r.cells[0]).toMatch(/^\d[\d,.]*$/);
      expect(r.cells[2]).toMatch(/^\d+\.\d{3}$/);
      expect(r.cells[3]).toMatch(/^\d+\.\d % $|^\d+\.\d %$/);
    }
    expect(v.progress).toBe(100);
    // nottem: 240 months, a 12-month season; the last 48 (20 %) are the test span, 6 steps ahead.
    expect(v.notes).toMatch(/trained on rows 1–192, then forecast from 43 origins in rows 193–240/);
    expect(v.notes).toMatch(/The engine picked \S+ on its validation windows/);
    expect(v.verdict).toMatch(/^Verdict: the pick \(\S+\) scored/);
    expect(v.origin).toMatch(/^Origin 1 of 43: Jan 1936 \(row 193\); MAE here \d/);
    const drawn = await page.evaluate(() => {
      const c = (window as unknown as { sensorcastBacktest?: { chart: { chart: { data: { datasets: { label: string; data: unknown[] }[] } } } } }).sensorcastBacktest;
      return c?.chart.chart.data.datasets.map((d) => [d.label, d.data.length]);
    });
    expect(drawn).toContainEqual([expect.stringMatching(/^Forecast \(/), 6]);
    await page.screenshot({ path: `${SHOTS}/backtest-table.png` });
    // The slider moves the origin.
    await page.fill('#bt-origin', '42');
    await page.dispatchEvent('#bt-origin', 'input');
    const last = await read(page);
    expect(last.origin).toMatch(/^Origin 43 of 43: Jul 1939 \(row 235\)/);
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: `${SHOTS}/backtest-1024.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('stops a running backtest on Cancel and on Esc, and Esc then closes the dialog', async () => {
    const page = browser.page;
    if ((await read(page)).open) await page.click('#bt-close');
    // 20,000 minutes of a daily cycle and noise: a backtest long enough to cancel mid-training.
    const rows = ['t,temp'];
    let x = 0;
    for (let i = 0; i < 20_000; i++) {
      x = 0.97 * x + Math.sin(i * 12.9898) * 0.3;
      rows.push(`${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()},${(20 + 5 * Math.sin((2 * Math.PI * i) / 1440) + x).toFixed(3)}`);
    }
    await dropFile(page, 'minutes.csv', `${rows.join('\n')}\n`);
    await until(page, 'the big file on the chart', (v) => v.subtitle.startsWith('minutes.csv'));
    // Up to 1,000 epochs (the backtest's time budget still bounds them).
    await page.fill('#epochs', '1000');
    await page.dispatchEvent('#epochs', 'change');
    const stops: number[] = [];
    for (const how of ['button', 'Esc'] as const) {
      await page.click(how === 'button' ? '#backtest' : '#bt-run');
      await until(page, 'the backtest to run', (v) => v.open && v.state === 'running');
      await page.waitForTimeout(1500);
      expect((await read(page)).status).toMatch(/^Training/);
      stops.push(await timeToStop(page, () => (how === 'button' ? page.click('#bt-cancel') : page.keyboard.press('Escape'))));
      const v = await read(page);
      expect(v.state).toBe('cancelled');
      expect(v.status).toBe('Backtest cancelled.');
      expect(v.open).toBe(true);
    }
    console.log(`backtest cancel: ${stops.map((ms) => Math.round(ms)).join(' ms (button), ')} ms (Esc)`);
    for (const ms of stops) expect(ms).toBeLessThan(2000);
    // Stopped: Esc now closes the dialog.
    await page.keyboard.press('Escape');
    expect((await read(page)).open).toBe(false);
    expect(browser.errors).toEqual([]);
  });
});
