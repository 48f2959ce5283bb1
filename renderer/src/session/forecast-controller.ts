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
import { describeModel } from '../ui/model-text';
import { renderSkill, renderValidationSkill } from '../ui/skill-badge';
import { renderBackend } from '../ui/status-line';
import type { WorkerClient } from '../worker/worker-client';
import { forecastView } from './forecast-rows';
import { ForecastSession, type ForecastSessionEvents } from './forecast-session';
import { ModelMemory } from './model-memory';

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
  saveSettings(patch: Partial<Settings>): Promise<void>;
  sourceKind(): AppStatus['kind'];
  /** Asks for the chart to be drawn on the next frame. */
  redraw(): void;
}

export class ForecastController {
  readonly session: ForecastSession;
  readonly modelPanel: ModelPanel;
  private readonly memory: ModelMemory;
  private autoTrained = false;
  /** The model on hand is to be checked against the channels of a new source. */
  private checkPending = false;
  /** The saved model the user is loading. */
  private loading: string | null = null;
  /** Who asked for each bundle in flight: the live source to keep it for, or null for Save. */
  private readonly saves: (string | null)[] = [];
  /** The data in view (a file or a live source) and the view the model was trained on, if trained here. */
  private viewKey = '';
  private trainedView: string | null = null;
  /** The time of the model's last training row (null: loaded from disk, or data without a clock); then of the training in flight. */
  private trainedUntil: number | null = null;

  constructor(
    api: AppApi,
    worker: WorkerClient,
    private readonly o: ForecastControllerOptions,
  ) {
    this.modelPanel = new ModelPanel(api, {
      train: () => this.train(),
      cancel: () => this.session.cancel(),
      save: () => {
        this.saves.push(null);
        this.session.save();
      },
      load: (manifest, weights, name) => {
        this.loading = name;
        this.session.load(manifest, weights);
      },
      hasModel: () => this.session.model !== null,
      view: () => ({ channels: this.o.store.channels, target: this.o.channels.current.target, name: this.o.store.mode === 'file' ? 'this file' : 'this source' }),
    });
    const events: ForecastSessionEvents = {
      backend: (backend, tried) => {
        renderBackend(`tfjs: ${backend}`, tried.map((t) => `${t.backend} unavailable: ${t.error}`).join('\n'));
        document.body.dataset.backend = backend;
        this.maybeAutoTrain();
      },
      progress: (p) => this.modelPanel.progress(p),
      ready: (info, seconds) => {
        // The badge scores only forecasts on data after the training rows (unknown for bundles saved before models kept their end).
        this.trainedUntil = info.trainedUntil ?? null;
        if (seconds === null) this.trainedView = null;
        this.modelPanel.ready(info, seconds, this.memory.restoring);
        this.memory.restoring = false;
        this.checkPending = false;
        // The badge and panels described the model before this one: blank until this one's forecasts arrive.
        this.session.clear();
        renderSkill(null);
        this.primeModel();
        this.keep(seconds !== null);
      },
      trainFailed: (error, modelDropped) => {
        if (modelDropped) {
          this.clearForecasts();
          renderGates(null);
        }
        this.modelPanel.failed(error, modelDropped);
      },
      saved: (manifest, weights) => {
        const source = this.saves.shift() ?? null;
        if (source) void this.memory.keep(manifest, weights, source);
        else this.modelPanel.saveBundle(manifest, weights);
      },
      failed: (error) => toast(error),
    };
    this.session = new ForecastSession(worker, events, { isLive: () => o.store.mode === 'live' });
    this.memory = new ModelMemory(api, {
      settings: o.settings,
      saveSettings: o.saveSettings,
      load: (manifest, weights) => this.session.load(manifest, weights),
      saved: () => void this.modelPanel.refreshModels(),
    });
  }

  /**
   * A live source came on (`key`, see last-model.ts): the model on hand is checked against its
   * channels once they arrive; with none on hand, the source's last model comes back.
   */
  sourceChanged(key: string | null): void {
    this.memory.source = key;
    this.viewKey = `live:${key}`;
    if (this.model) {
      this.checkPending = true;
      this.modelPanel.setInfo(`Checking the model (${this.model.target}) against the new source…`);
      this.checkModel();
    } else if (!this.session.training) void this.memory.restore();
  }

  /** The target changed: a model of another channel hides its forecasts until it is retrained or its channel is the target again. */
  targetChanged(target: string | null): void {
    if (!this.model) return;
    if (this.model.target !== target) this.clearForecasts();
    else this.primeModel();
  }

  /** A file is on screen: a model trained on other channels says so rather than describe itself as if it fit; one that fits forecasts it. */
  fileShown(name: string): void {
    this.viewKey = `file:${name}:${Date.now()}`;
    if (this.model && !this.modelFitsView()) this.modelPanel.setInfo(`The current model (${this.model.target}) needs channels that ${name} does not have. Press Train to fit a model to this file.`);
    // A model that fits forecasts the file at once (its skill on the rows after its training data).
    else if (this.model && this.model.target === this.o.channels.current.target) this.primeModel();
  }

  /** After a source change, once its channels are known: describe the model if it fits, else say what it lacks. */
  checkModel(): void {
    const model = this.model;
    const channels = this.o.store.channels;
    if (!this.checkPending || !model || channels.length === 0) return;
    this.checkPending = false;
    if (this.modelFitsView()) return this.modelPanel.setInfo(describeModel(model));
    const missing = model.channels.map((c) => c.name).filter((n) => !channels.includes(n));
    this.clearForecasts();
    this.modelPanel.setInfo(`The current model (${model.target}) needs ${missing.join(', ')}, which this source does not send. Press Train to fit a model to it.`);
  }

  /** A model trained on live data is kept as its source's last model; a saved one loaded is noted as such. */
  private keep(trained: boolean): void {
    const source = this.o.store.mode === 'live' ? this.memory.source : null;
    const loaded = this.loading;
    this.loading = null;
    if (!source) return;
    if (trained) {
      this.saves.push(source);
      this.session.save();
    } else if (loaded) void this.memory.remember(source, loaded);
  }

  get model(): ModelInfo | null {
    return this.session.model;
  }

  /** True when the model's channels are all in what is on screen. */
  modelFitsView(): boolean {
    return !!this.model && this.model.channels.every((c) => this.o.store.channels.includes(c.name));
  }

  /** The store's newest `count` live rows (a batch just appended) for the model, if there is one; `gaps`: those of them that follow a gap. */
  push(count: number, gaps: readonly number[] = []): void {
    const model = this.session.model;
    // A model for other channels (a new source that lacks some) or another target gets nothing.
    if (!model || count === 0 || model.target !== this.o.channels.current.target || !this.modelFitsView()) return;
    const { t, rows } = this.o.store.rows(
      model.channels.map((c) => c.name),
      count,
    );
    this.session.push(t, rows, gaps);
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
    const table = this.o.store.recent(TRAIN_ROWS);
    this.trainedView = this.viewKey;
    this.session.train({ table, target, covariates, horizon, epochs });
  }

  /** Replays recent rows through the model: its past forecasts, skill and the next forecast. */
  primeModel(): void {
    if (!this.model) return;
    this.o.chart.focusNextForecast(this.o.store.mode === 'file');
    const { t, rows } = this.o.store.rows(
      this.model.channels.map((c) => c.name),
      PRIME_ROWS,
    );
    this.session.segments = [];
    this.session.worker.send({ type: 'score-after', t: this.trainedUntil });
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
      if (panels.skill.pairs === 0 && this.o.store.mode === 'file' && this.model && this.modelFitsView()) renderValidationSkill(this.model, this.trainedView === this.viewKey);
      else renderSkill(panels.skill);
      renderGates(panels.gates);
    }
    return true;
  }
}
