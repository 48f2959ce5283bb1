// The page controller: takes in the app API's samples and status, keeps the series store, the
// channel list and the chart in step with the view (the live source or a file), and turns the
// forecast session's events into the model panel, the chart and the cards. Started by main.ts;
// the controls live in ui/ (source, file, export, settings and model panels, the menu).
import type { AppApi, AppStatus, SampleBatchWire, Settings } from '../../shared/api/contract';
import type { ModelInfo } from '../../shared/model/types';
import { describeHorizon } from '../../shared/series/time-span';
import type { SeriesTable } from '../../shared/table';

import { ChartView } from './chart/chart-view';
import { ForecastChart } from './chart/forecast-chart';
import type { LossChart } from './chart/loss-chart';
import { SeriesStore } from './live/series-store';
import { staleText } from './live/staleness';
import { sourceKey } from './session/last-model';
import { ForecastController } from './session/forecast-controller';
import type { ForecastSession } from './session/forecast-session';
import { ChannelsPanel, type ChannelChoice } from './ui/channels-panel';
import { byId, toast } from './ui/dom';
import { FollowBar } from './ui/follow-bar';
import type { ModelPanel } from './ui/model-panel';
import { renderStatus } from './ui/status-line';
import type { WorkerClient } from './worker/worker-client';

export class App {
  readonly store: SeriesStore;
  readonly chart: ForecastChart;
  readonly channels: ChannelsPanel;
  readonly forecasts: ForecastController;
  readonly view: ChartView;
  private readonly followBar: FollowBar;
  settings: Settings;
  status: AppStatus;
  fileName: string | null = null;
  private dirty = true;
  private sourceId: string | null = null;
  /** The live source the forecasts were last told about (see ForecastController.sourceChanged). */
  private announced: string | null = null;
  private lastValuesPaint = 0;

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
    this.channels = new ChannelsPanel(
      (choice, byUser) => this.onChannelChoice(choice, byUser),
      () => (this.dirty = true),
    );
    this.view = new ChartView(this.store, this.chart, this.channels);
    this.followBar = new FollowBar(() => (this.view.paused ? this.chart.resetView() : this.chart.pause()));
    this.view.onFollowChange = (following) => {
      this.followBar.show(following);
      this.dirty = true;
    };
    this.forecasts = new ForecastController(api, worker, {
      store: this.store,
      chart: this.chart,
      channels: this.channels,
      settings: () => this.settings,
      saveSettings: (patch) => this.saveSettings(patch),
      sourceKind: () => this.status.kind,
      redraw: () => (this.dirty = true),
    });
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

  get session(): ForecastSession {
    return this.forecasts.session;
  }

  get modelPanel(): ModelPanel {
    return this.forecasts.modelPanel;
  }

  get model(): ModelInfo | null {
    return this.forecasts.model;
  }

  get loss(): LossChart {
    return this.modelPanel.loss;
  }

  /** Test builds only: passed on to a restarted worker. */
  set softwareWebgl(on: boolean) {
    this.session.softwareWebgl = on;
  }

  // --- data in -------------------------------------------------------------------------------

  onStatus(status: AppStatus): void {
    if (status.sourceId !== this.sourceId && status.sourceId !== null && this.store.mode === 'live') {
      // A new source: start a fresh live series.
      this.sourceId = status.sourceId;
      this.store.resetLive();
      this.clearForecasts();
      this.session.prime([], []);
    }
    if (status.sourceId !== null && status.sourceId !== this.announced && this.store.mode === 'live') {
      this.announced = status.sourceId;
      this.forecasts.sourceChanged(sourceKey(status));
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
    this.forecasts.checkModel();
    this.forecasts.push(added.t, added.values);
    if (batch.dropped > 0) byId('st-dropped').hidden = false;
    this.dirty = true;
    this.forecasts.maybeAutoTrain();
  }

  private choice(): ChannelChoice {
    return { target: this.settings.target, covariates: this.settings.covariates };
  }

  /** Only the user's own choice is kept: a source without the chosen channels must not overwrite it. */
  private onChannelChoice(choice: ChannelChoice, byUser: boolean): void {
    const targetChanged = choice.target !== this.store.targetName;
    this.store.setTarget(choice.target);
    const unit = choice.target ? this.store.units[choice.target] : undefined;
    this.chart.setLabels(choice.target ?? 'Actual', unit);
    byId('chart-title').textContent = choice.target ?? 'Live';
    if (byUser && (choice.target !== this.settings.target || choice.covariates.join() !== this.settings.covariates.join())) {
      void this.saveSettings({ target: choice.target, covariates: choice.covariates });
    }
    if (targetChanged && this.model) {
      // The model forecasts another channel: hide its forecast until it is retrained or its channel is the target again.
      if (this.model.target !== choice.target) this.clearForecasts();
      else this.forecasts.primeModel();
    }
    this.dirty = true;
  }

  // --- the view: live or a file --------------------------------------------------------------

  /** Shows a file instead of the live data (Disconnect or Demo go back to live). */
  showFile(name: string, table: SeriesTable): void {
    this.fileName = name;
    this.store.setFile(table);
    this.clearForecasts();
    this.chart.setAxis(table.time ? 'time' : 'rows');
    this.followBar.setLive(false);
    this.channels.setChannels(this.store.channels, this.choice());
    this.store.setTarget(this.channels.current.target);
    byId('chart-sub').textContent = `${name}: ${this.store.length.toLocaleString('en-US')} rows`;
    // Forecasts of the live data still in flight belong to the view the page leaves now.
    this.session.prime([], []);
    if (this.model && !this.forecasts.modelFitsView()) {
      // The model on hand was trained on other channels: say so rather than describe it as if it fit.
      this.modelPanel.setInfo(`The current model (${this.model.target}) needs channels that ${name} does not have. Press Train to fit a model to this file.`);
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
    this.followBar.setLive(true);
    this.chart.resetView();
    this.clearForecasts();
    this.session.prime([], []);
    byId('chart-sub').textContent = '';
    this.sourceId = null;
    this.announced = null;
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

  // --- forecasts (see session/forecast-controller.ts) ---------------------------------------

  clearForecasts(): void {
    this.forecasts.clearForecasts();
  }

  train(): void {
    this.forecasts.train();
  }

  primeModel(): void {
    this.forecasts.primeModel();
  }

  // --- settings and drawing ------------------------------------------------------------------

  async saveSettings(patch: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    const r = await this.api.setSettings(patch);
    if (r.ok) this.settings = r.value;
  }

  private frame(): void {
    // Worker replies arrive up to 30 times a second: draw what they say once per frame. A paused
    // chart keeps what it shows; what arrives meanwhile is drawn when it follows again.
    const paused = this.view.paused;
    if (!paused && this.forecasts.drawForecasts()) this.dirty = true;
    const now = performance.now();
    if (now - this.lastValuesPaint > 250) {
      this.lastValuesPaint = now;
      const wall = Date.now();
      if (this.view.updateStale(wall)) this.dirty = true;
      const quiet = (name: string) => (this.view.isStale(name) ? staleText(wall - (this.store.latestAt.get(name) ?? wall)) : null);
      this.channels.showValues(this.store.latest, this.store.unitsInView(), quiet);
    }
    if (this.dirty && !paused) {
      this.dirty = false;
      this.view.draw();
    }
    requestAnimationFrame(() => this.frame());
  }
}
