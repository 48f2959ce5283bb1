// Models between the CLI and the page, end to end (issue 13 item 4): a model saved by
// `sensorcast forecast --save-model` into the app's models folder is listed with what it is,
// loads in the page (browser mode, Debian's Chromium) and forecasts; a model trained and saved in
// the page forecasts with `sensorcast forecast --model DIR`. A new model gets a fresh name,
// saving over a saved one asks and keeps the old one on no, and a model that does not fit the
// file on screen is not loaded (the current one stays).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBrowser, type OpenBrowser } from './support/browser';
import { serve, type Served } from './support/serve';
import { dropFile, pollPage } from './support/poll';

const run = promisify(execFile);
const SHOTS = 'test-results';
mkdirSync(SHOTS, { recursive: true });
const NOTTEM = 'test/fixtures/series/nottem.csv';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['bin/sensorcast.js', ...args], { timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function read(page: Page) {
  return page.evaluate(() => {
    const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
    const app = (window as unknown as { sensorcastApp?: { model: { target: string } | null; chart: { chart: { data: { datasets: { data: { y: number }[] }[] } } } } }).sensorcastApp;
    const toast = document.getElementById('toast');
    return {
      ready: document.body.dataset.ready,
      model: document.body.dataset.model,
      modelTarget: app?.model?.target ?? null,
      subtitle: text('chart-sub'),
      trainText: text('train-text'),
      modelInfo: text('model-info'),
      name: (document.getElementById('model-name') as HTMLInputElement | null)?.value ?? '',
      models: [...document.querySelectorAll<HTMLOptionElement>('#model-list option')].map((o) => ({ value: o.value, text: o.textContent })),
      details: text('model-details'),
      forecast: (app?.chart.chart.data.datasets[4]?.data ?? []).filter((p) => Number.isFinite(p.y)).length,
      toast: toast?.hidden ? '' : text('toast'),
      toastCode: toast?.hidden ? '' : (toast?.dataset.code ?? ''),
      skill: text('skill-value'),
      skillDetail: text('skill-detail'),
      confirm: (document.getElementById('confirm-dialog') as HTMLDialogElement | null)?.open ?? false,
      confirmText: text('confirm-dialog'),
    };
  });
}

type Read = Awaited<ReturnType<typeof read>>;

const until = (page: Page, what: string, ok: (v: Read) => boolean, timeoutMs = 30_000): Promise<Read> => pollPage(page, read, what, ok, timeoutMs, 200);

/** Hides the toast, so the next one can be waited for. */
const hideToast = (page: Page) => page.evaluate(() => ((document.getElementById('toast') as HTMLElement).hidden = true));

describe('models between the CLI and the page (browser mode, Chromium, tfjs wasm)', () => {
  let served: Served;
  let browser: OpenBrowser;
  let models: string;

  beforeAll(async () => {
    served = await serve({ settings: { autoTrain: false, epochs: 4, horizon: 6, backend: 'wasm' } });
    models = join(served.dataDir, 'models');
    // The CLI saves its model straight into the app's models folder.
    const saved = await cli('forecast', NOTTEM, '--horizon', '6', '--budget', '5s', '--save-model', join(models, 'cli-nottem'));
    expect(saved.stderr).toContain('model saved to');
    expect(saved.code).toBe(0);
    browser = await openBrowser(served.url);
    await until(browser.page, 'the page', (v) => v.ready === 'true');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('lists the CLI model with what it is, loads it for the file and forecasts', async () => {
    const page = browser.page;
    await dropFile(page, 'nottem.csv', readFileSync(NOTTEM, 'utf8'));
    await until(page, 'the file on the chart', (v) => v.subtitle.startsWith('nottem.csv'));
    await page.click('#model-list');
    let v = await until(page, 'the CLI model in the list', (s) => s.models.some((m) => m.value === 'cli-nottem'));
    expect(v.models.find((m) => m.value === 'cli-nottem')?.text).toMatch(/^cli-nottem · value, 6 ahead · \d{4}-\d{2}-\d{2}$/);
    await page.selectOption('#model-list', 'cli-nottem');
    v = await read(page);
    expect(v.details).toMatch(/^Forecasts value; yearly \(12 rows\); horizon 6 steps = next .+; saved \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
    await page.click('#load-model');
    v = await until(page, 'the CLI model forecasting the file', (s) => s.model === 'ready' && s.forecast === 6);
    expect(v.modelTarget).toBe('value');
    expect(v.trainText).toBe('Model loaded.');
    expect(v.modelInfo).toMatch(/^value: yearly/);
    expect(v.name).toBe('cli-nottem');
  });

  it('trains a model under a fresh name, saves it where the CLI forecasts with it', async () => {
    const page = browser.page;
    await page.click('#train');
    let v = await until(page, 'training to end', (s) => /^Trained in/.test(s.trainText), 120_000);
    // Not the loaded model's name: saving must not replace it by accident.
    expect(v.name).toBe('value-h6');
    await hideToast(page);
    await page.click('#save-model');
    v = await until(page, 'the saved model', (s) => s.toast === 'Model "value-h6" saved.' && s.models.some((m) => m.value === 'value-h6'));
    expect(existsSync(join(models, 'value-h6', 'model.json'))).toBe(true);
    const r = await cli('forecast', NOTTEM, '--model', join(models, 'value-h6'));
    expect(r.stderr).toContain(`model from ${join(models, 'value-h6')}: value`);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('step,t,forecast,lower,upper');
    expect(rows.slice(1).map((l) => l.split(',')[1])).toEqual(['1940-01-01', '1940-02-01', '1940-03-01', '1940-04-01', '1940-05-01', '1940-06-01']);
  });

  it('asks before saving over a saved model, and keeps the old one on no', async () => {
    const page = browser.page;
    const file = join(models, 'value-h6', 'model.json');
    const before = readFileSync(file, 'utf8');
    const mtime = statSync(file).mtimeMs;
    await hideToast(page);
    await page.click('#save-model');
    let v = await until(page, 'the question', (s) => s.confirm);
    expect(v.confirmText).toContain('A model named "value-h6" is already saved. Replace it with this one?');
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: `${SHOTS}/model-replace-1024.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click('#confirm-no');
    v = await until(page, 'the answer', (s) => !s.confirm && s.toast !== '');
    expect(v.toast).toMatch(/^Kept the saved model "value-h6"/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(statSync(file).mtimeMs).toBe(mtime);
    // Yes replaces it.
    await hideToast(page);
    await page.click('#save-model');
    await until(page, 'the question again', (s) => s.confirm);
    await page.click('#confirm-yes');
    await until(page, 'the replaced model', (s) => s.toast === 'Model "value-h6" saved.');
    expect(statSync(file).mtimeMs).toBeGreaterThan(mtime);
  });

  it('does not load a model whose channels the file lacks, says why and keeps the current one', async () => {
    const page = browser.page;
    const csv = ['t,temp,hum', ...Array.from({ length: 60 }, (_, i) => `${new Date(Date.UTC(2025, 0, 1, i)).toISOString()},${(20 + Math.sin(i / 4)).toFixed(2)},${50 + (i % 7)}`)].join('\n');
    await dropFile(page, 'room.csv', `${csv}\n`);
    await until(page, 'the other file', (s) => s.subtitle.startsWith('room.csv'));
    await hideToast(page);
    await page.selectOption('#model-list', 'cli-nottem');
    await page.click('#load-model');
    const v = await until(page, 'the refusal', (s) => s.toast !== '');
    expect(v.toast).not.toContain('saved');
    expect(v.toastCode).toBe('model-mismatch');
    expect(v.toast).toContain('Model "cli-nottem" needs value, which this file does not have; the current model stays.');
    expect(v.model).toBe('ready');
    expect(v.modelTarget).toBe('value');
    await page.screenshot({ path: `${SHOTS}/model-mismatch.png` });
    expect(browser.errors).toEqual([]);
  });

  it('scores the skill only on values after the training data: validation on the training file, the later rows of a longer one, for a model trained here or loaded', async () => {
    const page = browser.page;
    const lines = readFileSync(NOTTEM, 'utf8').trim().split('\n');
    // The first 15 years: the model trains on all of them.
    await dropFile(page, 'nottem-1934.csv', `${lines.slice(0, 181).join('\n')}\n`);
    await until(page, 'the first years', (s) => s.subtitle.startsWith('nottem-1934.csv'));
    await page.click('#train');
    let v = await until(page, 'training on them', (s) => /^Trained in/.test(s.trainText) && /×$/.test(s.skill), 120_000);
    expect(v.skillDetail).toMatch(/^Validation MAE .+ on the last \d+ windows of this data, which the model was not fitted on\. The past forecasts drawn before them are on rows it was trained on\.$/);
    // The whole series: the 5 years after 1934 are new to the model, and only they are scored.
    await dropFile(page, 'nottem.csv', readFileSync(NOTTEM, 'utf8'));
    v = await until(page, 'the skill on the later years', (s) => s.subtitle.startsWith('nottem.csv') && /forecast steps/.test(s.skillDetail));
    expect(v.skill).toMatch(/×$/);
    const pairs = Number(/over the last ([\d,]+) forecast steps/.exec(v.skillDetail)![1].replace(/,/g, ''));
    // 60 new months, 6 steps each: at most 360 pairs (fewer at the end, where forecasts have not come true).
    expect(pairs).toBeGreaterThan(300);
    expect(pairs).toBeLessThanOrEqual(360);
    expect(v.skillDetail).toMatch(/all on values after the model's training data\.$/);
    // A model from disk trained on the whole file: nothing here comes after its training data.
    await page.selectOption('#model-list', 'cli-nottem');
    await page.click('#load-model');
    v = await until(page, 'the loaded model', (s) => s.trainText === 'Model loaded.' && /its own validation/.test(s.skillDetail));
    expect(v.skillDetail).toMatch(/^No forecast here comes after the model's training data, so this is its own validation: Validation MAE .+ on the last \d+ windows of the data it was trained on\.$/);
    // One the CLI trained on all but the last 5 years: the bundle says where its data ended, and only the 5 years after are scored.
    const saved = await cli('forecast', NOTTEM, '--horizon', '6', '--holdout', '60', '--budget', '5s', '--save-model', join(models, 'cli-nottem-1934'));
    expect(saved.code).toBe(0);
    // The user comes back to the app from the terminal.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await until(page, 'the new CLI model in the list', (s) => s.models.some((m) => m.value === 'cli-nottem-1934'));
    await page.selectOption('#model-list', 'cli-nottem-1934');
    await page.click('#load-model');
    v = await until(page, 'its skill on the later years', (s) => s.trainText === 'Model loaded.' && /forecast steps/.test(s.skillDetail));
    const later = Number(/over the last ([\d,]+) forecast steps/.exec(v.skillDetail)![1].replace(/,/g, ''));
    expect(later).toBeGreaterThan(300);
    expect(later).toBeLessThanOrEqual(360);
    expect(v.skillDetail).toMatch(/all on values after the model's training data\.$/);
    expect(browser.errors).toEqual([]);
  });
});
