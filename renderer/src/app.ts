// The page controller: connects the app API (samples, status), the series store, the chart and
// the forecasting worker, and wires the controls. Started by main.ts; file actions (open, drop,
// export, models) live in actions.ts.
import type { AppApi, AppStatus, MenuAction, SampleBatchWire, Settings } from '../../shared/api/contract';
import type { ModelInfo } from '../../shared/model/types';
import { describeHorizon } from '../../shared/series/time-span';
import type { SeriesTable } from '../../shared/table';

import { ForecastChart, type Point } from './chart/forecast-chart';
import { LossChart } from './chart/loss-chart';
import { SeriesStore } from './live/series-store';
import { ChannelsPanel, type ChannelChoice } from './ui/channels-panel';
import { byId, fmt, toast } from './ui/dom';
import { renderGates } from './ui/gates-panel';
import { renderSkill, renderValidationSkill } from './ui/skill-badge';
import { renderBackend, renderStatus } from './ui/status-line';
import type { FromWorker, GateSnapshot, StampedForecast } from './worker/messages';
import type { SkillSnapshot } from '../../shared/api/live-skill';
import type { WorkerClient } from './worker/worker-client';

/** Live samples needed before the demo trains by itself. */
const AUTO_TRAIN_MIN_SAMPLES = 240;
/** Rows replayed through a new model to draw past forecasts and score it. */
const PRIME_ROWS = 5000;
/** Rows handed to the engine for training: the newest ones (it uses the most recent windows anyway). */
const TRAIN_ROWS = 5000;
/** Past forecast segments kept for the chart. */
const MAX_SEGMENTS = 400;

export class App {
  readonly store: SeriesStore;
  readonly chart: ForecastChart;
  readonly loss: LossChart;
  readonly channels: ChannelsPanel;
  settings: Settings;
  status: AppStatus;
  model: ModelInfo | null = null;
  training = false;
  backend = 'starting';
  /** Forecasts made every H origins, drawn as past forecasts and exported. */
  segments: StampedForecast[] = [];
  latest: StampedForecast | null = null;
  fileName: string | null = null;
  /** The worker stream's current view (see startView) and the last view the worker answered. */
  private view = 0;
  private answeredView = 0;
  /** Test builds only: passed on to a restarted worker. */
  softwareWebgl = false;
  private autoTrained = false;
  private dirty = true;
  private sourceId: string | null = null;
  private lastValuesPaint = 0;
  private forecastDirty = false;
  private pendingPanels: { skill: SkillSnapshot; gates: GateSnapshot | null } | null = null;

  constructor(
    readonly api: AppApi,
    readonly worker: WorkerClient,
    readonly mode: 'electron' | 'browser',
    initial: { settings: Settings; status: AppStatus },
  ) {
    this.settings = initial.settings;
    this.status = initial.status;
    this.store = new SeriesStore({ windowPoints: initial.settings.windowPoints });
    this.chart = new ForecastChart(byId<HTMLCanvasElement>('chart'));
    this.loss = new LossChart(byId<HTMLCanvasElement>('loss-chart'));
    this.channels = new ChannelsPanel((choice) => this.onChannelChoice(choice));
    worker.onMessage((msg) => this.onWorker(msg));
    api.on('samples', (batch) => this.onSamples(batch));
    api.on('status', (status) => this.onStatus(status));
    api.on('error', (error) => toast(error));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.chart.applyTheme();
      this.loss.applyTheme();
      this.dirty = true;
    });
    requestAnimationFrame(() => this.frame());
  }

  // --- data in -------------------------------------------------------------------------------

  onStatus(status: AppStatus): void {
    if (status.sourceId !== this.sourceId && status.sourceId !== null && this.store.mode === 'live') {
      // A new source: start a fresh live series.
      this.sourceId = status.sourceId;
      this.store.resetLive();
      this.clearForecasts();
      this.startView([], []);
    }
    this.status = status;
    this.store.units = status.units;
    renderStatus(status);
    this.showHorizon();
    if (this.store.mode === 'live') {
      byId('chart-sub').textContent = status.kind === 'demo' ? 'Demo: monthly air temperature at Nottingham Castle (°F, 1920–1939), replayed as a live sensor' : status.label;
    }
  }

  onSamples(batch: SampleBatchWire): void {
    if (this.store.mode === 'file') return; // a file is on screen; the live source keeps recording in main
    if (batch.sourceId !== this.sourceId) {
      this.sourceId = batch.sourceId;
      this.store.resetLive();
      this.clearForecasts();
    }
    const added = this.store.append(batch);
    this.channels.setChannels(this.store.channels, this.choice());
    if (this.model && added.t.length) {
      const order = this.model.channels.map((c) => this.store.channels.indexOf(c.name));
      const rows = added.values.map((row) => order.map((i) => (i >= 0 ? row[i] : Number.NaN)));
      this.worker.send({ type: 'push', t: added.t, rows });
    }
    if (batch.dropped > 0) byId('st-dropped').hidden = false;
    this.dirty = true;
    this.maybeAutoTrain();
  }

  private choice(): ChannelChoice {
    return { target: this.settings.target, covariates: this.settings.covariates };
  }

  private onChannelChoice(choice: ChannelChoice): void {
    const targetChanged = choice.target !== this.store.targetName;
    this.store.setTarget(choice.target);
    const unit = choice.target ? this.store.units[choice.target] : undefined;
    this.chart.setLabels(choice.target ?? 'Actual', unit);
    byId('chart-title').textContent = choice.target ?? 'Live';
    if (choice.target !== this.settings.target || choice.covariates.join() !== this.settings.covariates.join()) {
      void this.saveSettings({ target: choice.target, covariates: choice.covariates });
    }
    if (targetChanged && this.model && this.model.target !== choice.target) {
      // The model forecasts another channel: hide its forecast until it is retrained.
      this.clearForecasts();
    }
    this.dirty = true;
  }

  /** Shows a file instead of the live data (Disconnect or Demo go back to live). */
  showFile(name: string, table: SeriesTable): void {
    this.fileName = name;
    this.store.setFile(table);
    this.clearForecasts();
    this.chart.setAxis(table.time ? 'time' : 'rows');
    this.channels.setChannels(this.store.channels, this.choice());
    this.store.setTarget(this.channels.current.target);
    byId('chart-sub').textContent = `${name}: ${this.store.length.toLocaleString('en-US')} rows`;
    // Forecasts of the live data still in flight belong to the view the page leaves now.
    this.startView([], []);
    if (this.model && !this.modelFitsView()) {
      // The model on hand was trained on other channels: say so rather than describe it as if it fit.
      byId('model-info').textContent = `The current model (${this.model.target}) needs channels that ${name} does not have. Press Train to fit a model to this file.`;
    }
    this.chart.resetView();
    this.showHorizon();
    this.dirty = true;
  }

  backToLive(): void {
    if (this.store.mode !== 'file') return;
    this.fileName = null;
    this.store.resetLive();
    this.chart.setAxis('time');
    this.clearForecasts();
    this.startView([], []);
    byId('chart-sub').textContent = '';
    this.sourceId = null;
    this.showHorizon();
  }

  /** The sample interval (ms) when the data in view have a clock, else null (a file of plain rows). */
  clockInterval(): number | null {
    if (this.store.mode === 'file' && !this.store.recent(2).time) return null;
    const ms = this.store.interval();
    return ms > 0 ? ms : null;
  }

  /** "600 steps = next 10 min" under the horizon field, for the data in view. */
  showHorizon(): void {
    byId('horizon-hint').textContent = describeHorizon(this.settings.horizon, this.clockInterval());
  }

  setWindowPoints(points: number): void {
    this.store.setWindowPoints(points);
    this.chart.resetView();
    this.dirty = true;
  }

  // --- forecasts -----------------------------------------------------------------------------

  clearForecasts(): void {
    this.segments = [];
    this.latest = null;
    this.chart.setForecast(null);
    this.chart.setPast([]);
    this.pendingPanels = null;
    renderSkill(null);
    this.dirty = true;
  }

  private maybeAutoTrain(): void {
    if (!this.settings.autoTrain || this.autoTrained || this.training || this.model || this.store.mode !== 'live') return;
    if (this.status.kind !== 'demo' || this.store.length < AUTO_TRAIN_MIN_SAMPLES || this.backend === 'starting') return;
    this.autoTrained = true;
    this.train();
  }

  train(): void {
    if (this.training) return;
    const { target, covariates } = this.channels.current;
    if (!target) {
      toast({ code: 'no-target', message: 'There is no channel to forecast yet.', hint: 'Connect a source or open a file first.' });
      return;
    }
    this.training = true;
    this.loss.clear();
    this.setTrainUi(true, `Training on ${Math.min(this.store.length, TRAIN_ROWS).toLocaleString('en-US')} rows (first epoch)…`, 0);
    this.worker.send({ type: 'train', table: this.store.recent(TRAIN_ROWS), target, covariates, horizon: this.settings.horizon, epochs: this.settings.epochs });
  }

  cancelTraining(): void {
    if (this.training) this.worker.send({ type: 'cancel' });
  }

  private setTrainUi(running: boolean, text: string, pct: number, error = false): void {
    byId<HTMLButtonElement>('train').disabled = running;
    byId<HTMLButtonElement>('cancel-train').disabled = !running;
    const t = byId('train-text');
    t.textContent = text;
    t.classList.toggle('error', error);
    byId('train-bar').style.width = `${Math.round(pct)}%`;
    byId('train-progress').setAttribute('aria-valuenow', String(Math.round(pct)));
  }

  /** Replays recent rows through the model: its past forecasts, skill and the next forecast. */
  primeModel(): void {
    if (!this.model) return;
    const { t, rows } = this.store.rows(
      this.model.channels.map((c) => c.name),
      PRIME_ROWS,
    );
    this.segments = [];
    this.startView(t, rows);
  }

  /**
   * Restarts the worker's stream on `rows` as a new view. Replies to pushes of the view before
   * (still in flight) are dropped until the worker answers this prime.
   */
  private startView(t: number[], rows: number[][]): void {
    this.view += 1;
    this.worker.send({ type: 'prime', t, rows, view: this.view });
  }

  /** True when the model's channels are all in what is on screen. */
  private modelFitsView(): boolean {
    return !!this.model && this.model.channels.every((c) => this.store.channels.includes(c.name));
  }

  onWorker(msg: FromWorker): void {
    switch (msg.type) {
      case 'backend':
        this.backend = msg.backend;
        renderBackend(`tfjs: ${msg.backend}`, msg.tried.map((t) => `${t.backend} unavailable: ${t.error}`).join('\n'));
        document.body.dataset.backend = msg.backend;
        this.maybeAutoTrain();
        return;
      case 'progress': {
        const p = msg.progress;
        this.loss.add(p.epoch, p.loss, p.valLoss);
        const eta = Number.isFinite(p.etaSeconds) ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
        this.setTrainUi(true, `Epoch ${p.epoch}/${p.epochs}: loss ${fmt(p.loss)}, val ${fmt(p.valLoss)}${eta}`, (100 * p.epoch) / p.epochs);
        return;
      }
      case 'trained':
      case 'loaded': {
        this.training = false;
        this.model = msg.info;
        const i = msg.info;
        const why = i.stopReason === 'nan-loss' ? ' Training hit a NaN loss and stopped; the last good weights were kept.' : '';
        this.setTrainUi(false, msg.type === 'trained' ? `Trained in ${msg.seconds.toFixed(1)} s (${i.epochsRun} epochs).${why}` : 'Model loaded.', 100, i.stopReason === 'nan-loss');
        const seasons = i.seasons.length ? i.seasons.map((x) => `${x.label} (${x.period} rows)`).join(', ') : 'no season';
        const net = i.units ? `LSTM ${i.units} units over ${i.window} rows on ${i.trainer}` : 'no LSTM';
        byId('model-info').textContent = `${i.target}: ${seasons}; horizon ${i.horizon}; ${net}. Uses ${i.method} (${i.pickReason}).`;
        document.body.dataset.model = 'ready';
        if (!byId<HTMLInputElement>('model-name').value) byId<HTMLInputElement>('model-name').value = `${i.target}-h${i.horizon}`.replace(/[^A-Za-z0-9 _.-]/g, '_');
        this.primeModel();
        return;
      }
      case 'train-failed':
        this.training = false;
        if (msg.code === 'WEBGL_CONTEXT_LOST') {
          // The old worker may hang inside tfjs: start a fresh one on wasm; nothing was saved.
          this.worker.restart();
          this.model = null;
          delete document.body.dataset.model;
          this.clearForecasts();
          renderGates(null);
          this.backend = 'starting';
          this.worker.send({ type: 'init', backend: 'wasm', softwareWebgl: this.softwareWebgl });
        }
        this.setTrainUi(false, `Training stopped: ${msg.message}`, 0, msg.code !== 'CANCELLED');
        if (msg.code !== 'CANCELLED') toast({ code: msg.code, message: msg.message, ...(msg.hint ? { hint: msg.hint } : {}) });
        return;
      case 'forecasts':
        if (msg.view !== undefined) this.answeredView = msg.view;
        if (this.answeredView !== this.view) return; // meant for a view the page has left
        if (msg.latest) this.latest = msg.latest;
        this.segments.push(...msg.segments);
        if (this.segments.length > MAX_SEGMENTS && this.store.mode === 'live') this.segments.splice(0, this.segments.length - MAX_SEGMENTS);
        this.pendingPanels = { skill: msg.skill, gates: msg.gates };
        this.forecastDirty = true;
        return;
      case 'saved':
        this.onSaved?.(msg.manifest, msg.weights);
        return;
      case 'failed':
        toast({ code: msg.code, message: msg.message, ...(msg.hint ? { hint: msg.hint } : {}) });
        return;
    }
  }

  /** Set by actions.ts: receives the bundle the worker produced for "Save model". */
  onSaved: ((manifest: Record<string, unknown>, weights: ArrayBuffer) => void) | null = null;

  /** Forecast steps on the chart's x axis: the origin's time plus h sample intervals. */
  private updateForecastView(): void {
    const dt = this.store.interval();
    const steps = (origin: number, n: number) => Array.from({ length: n }, (_, h) => origin + (h + 1) * dt);
    const f = this.latest;
    this.chart.setForecast(f ? { x: steps(f.t, f.mean.length), mean: f.mean, lower: f.lower, upper: f.upper } : null);
    const past: Point[] = [];
    for (const s of this.segments) {
      const xs = steps(s.t, s.mean.length);
      for (let h = 0; h < xs.length; h++) past.push({ x: xs[h], y: s.mean[h] });
      past.push({ x: xs[xs.length - 1], y: Number.NaN }); // break between segments
    }
    this.chart.setPast(past);
    this.dirty = true;
  }

  // --- settings and drawing ------------------------------------------------------------------

  async saveSettings(patch: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    const r = await this.api.setSettings(patch);
    if (r.ok) this.settings = r.value;
  }

  private frame(): void {
    // Worker replies arrive up to 30 times a second: draw what they say once per frame.
    if (this.forecastDirty) {
      this.forecastDirty = false;
      this.updateForecastView();
      if (this.pendingPanels) {
        if (this.store.mode === 'file' && this.model && this.modelFitsView()) renderValidationSkill(this.model);
        else renderSkill(this.pendingPanels.skill);
        renderGates(this.pendingPanels.gates);
        this.pendingPanels = null;
      }
    }
    if (this.dirty) {
      this.dirty = false;
      this.chart.setActual(this.store.chartPoints());
      this.chart.render();
    }
    const now = performance.now();
    if (now - this.lastValuesPaint > 250) {
      this.lastValuesPaint = now;
      this.channels.showValues(this.store.latest, this.store.units);
    }
    requestAnimationFrame(() => this.frame());
  }

  /** Handles a menu or keyboard action. */
  run(action: MenuAction, actions: Record<MenuAction, () => void>): void {
    actions[action]();
  }
}
