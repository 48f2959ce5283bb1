// The forecasting side of the page: trains on the data in view (by hand, or the demo by itself),
// replays history through a new model, pushes live rows to it, and turns the forecast session's
// events into the model panel, the chart's forecast lines and the skill and gates cards.
// Callers: app.ts, which owns the data and the view.
import type { AppApi, AppStatus, Settings } from '../../../shared/api/contract';
import type { ModelInfo } from '../../../shared/model/types';

import type { ForecastChart } from '../chart/forecast-chart';
import type { SeriesStore } from '../live/series-store';
import type { ChannelsPanel } from '../ui/channels-panel';
import { toast } from '../ui/dom';
import { renderGates } from '../ui/gates-panel';
import { ModelPanel } from '../ui/model-panel';
import { renderSkill, renderValidationSkill } from '../ui/skill-badge';
import { renderBackend } from '../ui/status-line';
import type { WorkerClient } from '../worker/worker-client';
import { forecastView, modelOrder, toModelRows } from './forecast-rows';
import { ForecastSession, type ForecastSessionEvents } from './forecast-session';

/** Live samples needed before the demo trains by itself. */
const AUTO_TRAIN_MIN_SAMPLES = 240;
/** Rows replayed through a new model to draw past forecasts and score it. */
const PRIME_ROWS = 5000;
/** Rows handed to the engine for training: the newest ones (it uses the most recent windows anyway). */
const TRAIN_ROWS = 5000;

export interface ForecastControllerOptions {
  store: SeriesStore;
  chart: ForecastChart;
  channels: ChannelsPanel;
  settings(): Settings;
  sourceKind(): AppStatus['kind'];
  /** Asks for the chart to be drawn on the next frame. */
  redraw(): void;
}

export class ForecastController {
  readonly session: ForecastSession;
  readonly modelPanel: ModelPanel;
  private autoTrained = false;

  constructor(
    api: AppApi,
    worker: WorkerClient,
    private readonly o: ForecastControllerOptions,
  ) {
    this.modelPanel = new ModelPanel(api, {
      train: () => this.train(),
      cancel: () => this.session.cancel(),
      save: () => this.session.save(),
      load: (manifest, weights) => this.session.load(manifest, weights),
      hasModel: () => this.session.model !== null,
    });
    const events: ForecastSessionEvents = {
      backend: (backend, tried) => {
        renderBackend(`tfjs: ${backend}`, tried.map((t) => `${t.backend} unavailable: ${t.error}`).join('\n'));
        document.body.dataset.backend = backend;
        this.maybeAutoTrain();
      },
      progress: (p) => this.modelPanel.progress(p),
      ready: (info, seconds) => {
        this.modelPanel.ready(info, seconds);
        this.primeModel();
      },
      trainFailed: (error, modelDropped) => {
        if (modelDropped) {
          this.clearForecasts();
          renderGates(null);
        }
        this.modelPanel.failed(error, modelDropped);
      },
      saved: (manifest, weights) => this.modelPanel.saveBundle(manifest, weights),
      failed: (error) => toast(error),
    };
    this.session = new ForecastSession(worker, events, { isLive: () => o.store.mode === 'live' });
  }

  get model(): ModelInfo | null {
    return this.session.model;
  }

  /** True when the model's channels are all in what is on screen. */
  modelFitsView(): boolean {
    return !!this.model && this.model.channels.every((c) => this.o.store.channels.includes(c.name));
  }

  /** New live rows (in the store's column order) for the model, if there is one. */
  push(t: number[], values: number[][]): void {
    const model = this.session.model;
    if (!model || t.length === 0) return;
    this.session.push(t, toModelRows(values, modelOrder(this.o.store.channels, model.channels.map((c) => c.name))));
  }

  clearForecasts(): void {
    this.session.clear();
    this.o.chart.setForecast(null);
    this.o.chart.setPast([]);
    renderSkill(null);
    this.o.redraw();
  }

  maybeAutoTrain(): void {
    const s = this.o.settings();
    if (!s.autoTrain || this.autoTrained || this.session.training || this.model || this.o.store.mode !== 'live') return;
    if (this.o.sourceKind() !== 'demo' || this.o.store.length < AUTO_TRAIN_MIN_SAMPLES || this.session.backend === 'starting') return;
    this.autoTrained = true;
    this.train();
  }

  train(): void {
    if (this.session.training) return;
    const { target, covariates } = this.o.channels.current;
    if (!target) {
      toast({ code: 'no-target', message: 'There is no channel to forecast yet.', hint: 'Connect a source or open a file first.' });
      return;
    }
    const { horizon, epochs } = this.o.settings();
    this.modelPanel.startTraining(Math.min(this.o.store.length, TRAIN_ROWS));
    this.session.train({ table: this.o.store.recent(TRAIN_ROWS), target, covariates, horizon, epochs });
  }

  /** Replays recent rows through the model: its past forecasts, skill and the next forecast. */
  primeModel(): void {
    if (!this.model) return;
    const { t, rows } = this.o.store.rows(
      this.model.channels.map((c) => c.name),
      PRIME_ROWS,
    );
    this.session.segments = [];
    this.session.prime(t, rows);
  }

  /** Once per frame: puts forecasts that arrived on the chart and the cards; true if any did. */
  drawForecasts(): boolean {
    if (!this.session.takeChanged()) return false;
    const view = forecastView(this.session.latest, this.session.segments, this.o.store.interval());
    this.o.chart.setForecast(view.forecast);
    this.o.chart.setPast(view.past);
    const panels = this.session.takePanels();
    if (panels) {
      if (this.o.store.mode === 'file' && this.model && this.modelFitsView()) renderValidationSkill(this.model);
      else renderSkill(panels.skill);
      renderGates(panels.gates);
    }
    return true;
  }
}
