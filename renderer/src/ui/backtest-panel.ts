// The backtest dialog: "Backtest" runs the test-span backtest of the data in view in the worker
// (worker/backtest-job.ts), shows its progress (Cancel or Esc stop it), then the table of every
// method (MAE, RMSE, MASE, interval coverage, the pick and why) and the chart of one origin's
// forecasts against what happened, with an origin slider and a method choice.
// Callers: main.ts builds it (with the App as its BacktestSource); the model panel's Backtest button opens it.
import './backtest-panel.css';

import type { AppError } from '../../../shared/api/contract';
import type { ForecastMethod } from '../../../shared/model/types';
import type { SeriesTable } from '../../../shared/table';

import type { BacktestRequest, BacktestView, FromWorker } from '../worker/messages';
import type { WorkerClient } from '../worker/worker-client';
import { BacktestChart } from './backtest-chart';
import { describeSpan, originMae, originText, renderTable } from './backtest-text';
import { byId } from './dom';

/** Most training time for a backtest's model: the backtest should take seconds. */
const BUDGET_MS = 15_000;
/** Rows backtested: the newest ones of a longer series (like training). */
const MAX_ROWS = 20_000;

/** What the backtest reads of the page (the App): the data in view, the channels and the settings. */
export interface BacktestSource {
  readonly store: { readonly length: number; recent(maxRows: number): SeriesTable };
  readonly channels: { readonly current: { target: string | null; covariates: string[] } };
  readonly settings: { horizon: number; epochs: number };
  readonly fileName: string | null;
  readonly status: { label: string };
}

/** The request for the data in view, its name, or why there is none. */
function backtestData(app: BacktestSource): ({ name: string } & BacktestRequest) | AppError {
  const { target, covariates } = app.channels.current;
  if (!target || app.store.length === 0) return { code: 'no-data', message: 'There is no data to backtest yet.', hint: 'Open a CSV file (or connect a source) first.' };
  const rows = Math.min(app.store.length, MAX_ROWS);
  const name = `${app.fileName ?? app.status.label}${rows < app.store.length ? ` (newest ${rows.toLocaleString('en-US')} rows)` : ''}`;
  return { name, table: app.store.recent(MAX_ROWS), target, covariates, horizon: app.settings.horizon, epochs: app.settings.epochs, budgetMs: BUDGET_MS };
}

const MARKUP = `
  <header class="bt-head">
    <h2>Backtest</h2>
    <span class="muted small" id="bt-sub"></span>
    <span class="spacer"></span>
    <button type="button" id="bt-run" class="small-btn">Run again</button>
    <button type="button" id="bt-cancel" class="small-btn">Cancel</button>
    <button type="button" id="bt-close" class="small-btn" aria-label="Close">Close</button>
  </header>
  <div class="progress" id="bt-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0"><div class="bar" id="bt-bar"></div></div>
  <p class="small" id="bt-status"></p>
  <div class="bt-body" id="bt-body" hidden>
    <div class="bt-left">
      <table class="bt-table" id="bt-table" aria-label="Backtest scores per method"></table>
      <p class="small" id="bt-verdict"></p>
      <p class="small muted" id="bt-notes"></p>
    </div>
    <div class="bt-right">
      <div class="bt-controls">
        <label class="small" for="bt-origin">Origin</label>
        <input type="range" id="bt-origin" min="0" max="0" value="0" aria-label="Forecast origin" />
        <select id="bt-method" class="small-btn" aria-label="Method drawn"></select>
      </div>
      <p class="small muted" id="bt-origin-text"></p>
      <div class="bt-chart"><canvas id="bt-chart" aria-label="One origin's forecast against the actual values"></canvas></div>
    </div>
  </div>`;

export class BacktestPanel {
  private readonly dialog: HTMLDialogElement;
  /** The origin chart, once a backtest has finished (the page tests read its datasets). */
  chart: BacktestChart | null = null;
  private view: BacktestView | null = null;
  private running = false;

  constructor(
    private readonly worker: WorkerClient,
    private readonly app: BacktestSource,
  ) {
    this.dialog = document.createElement('dialog');
    this.dialog.id = 'backtest-dialog';
    this.dialog.className = 'backtest';
    this.dialog.setAttribute('aria-label', 'Backtest');
    this.dialog.innerHTML = MARKUP;
    document.body.append(this.dialog);
    worker.onMessage((msg) => this.onWorker(msg));
    byId('backtest').addEventListener('click', () => this.open());
    byId('bt-run').addEventListener('click', () => this.start());
    byId('bt-cancel').addEventListener('click', () => this.cancel());
    byId('bt-close').addEventListener('click', () => this.close());
    // Esc stops a running backtest; once it has stopped, Esc closes the dialog. (On the document's
    // keydown: focus may be outside the dialog, and its cancel event is not always cancelable.)
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.dialog.open) return;
      e.preventDefault();
      if (this.running) this.cancel();
      else this.close();
    });
    this.dialog.addEventListener('cancel', (e) => {
      if (this.running) e.preventDefault();
    });
    this.dialog.addEventListener('close', () => this.cancel());
    byId('bt-origin').addEventListener('input', () => this.draw());
    byId('bt-method').addEventListener('change', () => this.draw());
  }

  /** Opens the dialog and starts a backtest of the data in view. */
  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
    if (!this.running) this.start();
  }

  close(): void {
    this.cancel();
    this.dialog.close();
  }

  start(): void {
    if (this.running) return;
    const data = backtestData(this.app);
    if ('code' in data) return this.setState('failed', data.message + (data.hint ? ` ${data.hint}` : ''));
    const { name, ...request } = data;
    byId('bt-sub').textContent = `${name} · ${request.target} · ${request.horizon} steps ahead`;
    this.running = true;
    this.setProgress(0);
    this.setState('running', 'Starting…');
    this.worker.send({ type: 'backtest', ...request });
  }

  cancel(): void {
    if (!this.running) return;
    this.worker.send({ type: 'backtest-cancel' });
    byId('bt-status').textContent = 'Cancelling…';
  }

  private onWorker(msg: FromWorker): void {
    switch (msg.type) {
      case 'backtest-progress':
        if (!this.running) return;
        this.setProgress(msg.fraction);
        byId('bt-status').textContent = msg.text;
        return;
      case 'backtest-done':
        this.running = false;
        this.setProgress(1);
        this.show(msg.view);
        return;
      case 'backtest-failed':
        this.running = false;
        this.setProgress(0);
        if (msg.code === 'CANCELLED') this.setState('cancelled', 'Backtest cancelled.');
        else this.setState('failed', `The backtest failed: ${msg.message}${msg.hint ? ` ${msg.hint}` : ''}`);
        return;
      case 'failed':
        // The worker itself stopped: nothing will answer this backtest.
        if (this.running && msg.code === 'worker-crashed') {
          this.running = false;
          this.setState('failed', msg.message);
        }
        return;
    }
  }

  private show(view: BacktestView): void {
    this.view = view;
    renderTable(byId<HTMLTableElement>('bt-table'), view);
    byId('bt-verdict').textContent = `Verdict: ${view.table.verdict}.`;
    byId('bt-notes').textContent = describeSpan(view);
    const origin = byId<HTMLInputElement>('bt-origin');
    origin.max = String(view.origins.length - 1);
    origin.value = '0';
    const method = byId<HTMLSelectElement>('bt-method');
    method.replaceChildren(...view.table.rows.map((r) => new Option(r.pick ? `${r.method} (pick)` : r.method, r.method, r.pick, r.pick)));
    byId('bt-body').hidden = false;
    this.setState('done', `Done: ${view.origins.length} origins, training ${view.trainSeconds.toFixed(1)} s, forecasts ${view.forecastSeconds.toFixed(1)} s.`);
    this.chart ??= new BacktestChart(byId<HTMLCanvasElement>('bt-chart'));
    this.draw();
  }

  private draw(): void {
    const view = this.view;
    if (!view || !this.chart) return;
    const index = Number(byId<HTMLInputElement>('bt-origin').value);
    const method = byId<HTMLSelectElement>('bt-method').value as ForecastMethod;
    this.chart.show(view, index, method);
    byId('bt-origin-text').textContent = `${originText(view, index)}; MAE here ${originMae(view, index, method)} (${method})`;
  }

  private setState(state: 'running' | 'done' | 'cancelled' | 'failed', text: string): void {
    this.dialog.dataset.state = state;
    byId<HTMLButtonElement>('bt-cancel').disabled = state !== 'running';
    byId<HTMLButtonElement>('bt-run').disabled = state === 'running';
    const status = byId('bt-status');
    status.textContent = text;
    status.classList.toggle('error', state === 'failed');
  }

  private setProgress(fraction: number): void {
    const pct = Math.round(100 * Math.min(1, Math.max(0, fraction)));
    byId('bt-bar').style.width = `${pct}%`;
    byId('bt-progress').setAttribute('aria-valuenow', String(pct));
  }
}
