// The page controller: takes in the app API's samples and status, keeps the series store, the
// channel list and the chart in step with the view (the live source or a file), and turns the
// forecast session's events into the model panel, the chart and the cards. Started by main.ts;
// the controls live in ui/ (source, file, export, settings and model panels, the menu).
import type { AppApi, AppStatus, CsvDialect, SampleBatchWire, Settings } from '../../shared/api/contract';
import type { ModelInfo } from '../../shared/model/types';
import { describeHorizon } from '../../shared/series/time-span';
import type { SeriesTable } from '../../shared/table';

import { ChartView } from './chart/chart-view';
import { ForecastChart } from './chart/forecast-chart';
import { SeriesStore } from './live/series-store';
import { sourceKey } from './session/last-model';
import { ForecastController } from './session/forecast-controller';
import type { ForecastSession } from './session/forecast-session';
import { ChannelsPanel, type ChannelChoice } from './ui/channels-panel';
import { byId, toast } from './ui/dom';
import { showDialectChoice } from './ui/export-dialect';
import type { ModelPanel } from './ui/model-panel';
import { renderStatus } from './ui/status-line';
import type { WorkerClient } from './worker/worker-client';

export class App {
  readonly store: SeriesStore;
  readonly chart: ForecastChart;
  readonly channels: ChannelsPanel;
  readonly forecasts: ForecastController;
  readonly view: ChartView;
  settings: Settings;
  status: AppStatus;
  fileName: string | null = null;
  /** How the file on screen was written (its exports follow it by default); null for live data. */
  fileDialect: CsvDialect | null = null;
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
    this.view.onFollowChange = () => (this.dirty = true);
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
      this.modelPanel.loss.applyTheme();
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

  // --- data in -------------------------------------------------------------------------------

  onStatus(status: AppStatus): void {
    const live = status.sourceId !== null && this.store.mode === 'live';
    if (live && status.sourceId !== this.sourceId) {
      // A new source: start a fresh live series.
      this.sourceId = status.sourceId;
      this.store.resetLive();
      this.clearForecasts();
      this.session.prime([], []);
    }
    if (live && status.sourceId !== this.announced) {
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
    this.forecasts.push(added.rows, added.gaps);
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
    if (targetChanged) this.forecasts.targetChanged(choice.target);
    this.dirty = true;
  }

  // --- the view: live or a file --------------------------------------------------------------

  /** Shows a file instead of the live data (Disconnect or Demo go back to live). */
  showFile(name: string, table: SeriesTable, dialect: CsvDialect | null = null): void {
    this.fileName = name;
    this.fileDialect = dialect;
    showDialectChoice(dialect);
    this.store.setFile(table);
    this.clearForecasts();
    this.chart.setAxis(table.time ? 'time' : 'rows');
    this.view.setLive(false);
    this.channels.setChannels(this.store.channels, this.choice());
    this.store.setTarget(this.channels.current.target);
    byId('chart-sub').textContent = `${name}: ${this.store.length.toLocaleString('en-US')} rows`;
    // Forecasts of the live data still in flight belong to the view the page leaves now.
    this.session.prime([], []);
    this.forecasts.fileShown(name);
    this.chart.resetView();
    this.showHorizon();
    this.dirty = true;
  }

  backToLive(): void {
    if (this.store.mode !== 'file') return;
    this.fileName = null;
    this.fileDialect = null;
    showDialectChoice(null);
    this.store.resetLive();
    this.chart.setAxis('time');
    this.view.setLive(true);
    this.clearForecasts();
    this.session.prime([], []);
    byId('chart-sub').textContent = '';
    this.sourceId = null;
    this.announced = null;
    this.showHorizon();
  }

  /** "600 steps = next 10 min" under the horizon field, for the data in view. */
  showHorizon(): void {
    byId('horizon-hint').textContent = describeHorizon(this.settings.horizon, this.store.clockInterval());
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
      if (this.view.paintValues(Date.now())) this.dirty = true;
    }
    if (this.dirty && !paused) {
      this.dirty = false;
      this.view.draw();
    }
    requestAnimationFrame(() => this.frame());
  }
}
