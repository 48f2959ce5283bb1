// The forecast session: the page's side of the worker protocol. Sends train, cancel, push,
// prime, save and load; keeps the model on hand, the newest forecast and the past forecasts of
// the current view, and drops replies meant for a view the page has left. Callers: app.ts, which
// turns its events into the model panel, the chart and the skill and gates cards.
import type { AppError } from '../../../shared/api/contract';
import type { SkillSnapshot } from '../../../shared/eval/live-skill';
import type { ModelInfo, TrainProgress } from '../../../shared/model/types';
import type { SeriesTable } from '../../../shared/table';

import type { BackendName, FromWorker, GateSnapshot, StampedForecast } from '../worker/messages';
import type { WorkerClient } from '../worker/worker-client';

/** Past forecast segments kept for the chart while live. */
const MAX_SEGMENTS = 400;

export interface TrainRequest {
  table: SeriesTable;
  target: string;
  covariates: string[];
  horizon: number;
  epochs: number;
}

/** What the session tells the page. */
export interface ForecastSessionEvents {
  backend(backend: BackendName, tried: { backend: BackendName; error: string }[]): void;
  progress(progress: TrainProgress): void;
  /** A model was trained (`seconds` it took) or loaded (`seconds` null). */
  ready(info: ModelInfo, seconds: number | null): void;
  /** Training stopped; `modelDropped` when the worker was replaced (a lost WebGL context). */
  trainFailed(error: AppError, modelDropped: boolean): void;
  saved(manifest: Record<string, unknown>, weights: ArrayBuffer): void;
  failed(error: AppError): void;
}

export interface ForecastSessionOptions {
  /** True while live data are on screen: only then are old past forecasts dropped. */
  isLive(): boolean;
}

export class ForecastSession {
  model: ModelInfo | null = null;
  training = false;
  backend: BackendName | 'starting' = 'starting';
  /** Forecasts made every H origins, drawn as past forecasts and exported. */
  segments: StampedForecast[] = [];
  latest: StampedForecast | null = null;
  /** Test builds only: passed on to a restarted worker. */
  softwareWebgl = false;
  /** The skill and gates of the newest reply, until the page draws them (see takePanels). */
  private panels: { skill: SkillSnapshot; gates: GateSnapshot | null } | null = null;
  private changed = false;
  /** The worker stream's current view (see prime) and the last view the worker answered. */
  private view = 0;
  private answeredView = 0;

  constructor(
    readonly worker: WorkerClient,
    private readonly events: ForecastSessionEvents,
    private readonly options: ForecastSessionOptions,
  ) {
    worker.onMessage((msg) => this.onWorker(msg));
  }

  train(request: TrainRequest): void {
    this.training = true;
    this.worker.send({ type: 'train', ...request });
  }

  cancel(): void {
    if (this.training) this.worker.send({ type: 'cancel' });
  }

  /** New rows of the view, in the model's channel order; `gaps`: the rows that follow a gap. */
  push(t: number[], rows: number[][], gaps: readonly number[] = []): void {
    this.worker.send(gaps.length > 0 ? { type: 'push', t, rows, gaps: [...gaps] } : { type: 'push', t, rows });
  }

  /**
   * Restarts the worker's stream on `rows` as a new view. Replies to pushes of the view before
   * (still in flight) are dropped until the worker answers this prime.
   */
  prime(t: number[], rows: number[][]): void {
    this.view += 1;
    this.worker.send({ type: 'prime', t, rows, view: this.view });
  }

  /** Forgets the forecasts drawn so far (the view changed). */
  clear(): void {
    this.segments = [];
    this.latest = null;
    this.panels = null;
  }

  save(): void {
    this.worker.send({ type: 'save' });
  }

  load(manifest: Record<string, unknown>, weights: ArrayBuffer): void {
    this.worker.send({ type: 'load', manifest, weights }, [weights]);
  }

  /** True once after forecasts arrived (the frame loop redraws then). */
  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  /** The skill and gates of the newest reply, once. */
  takePanels(): { skill: SkillSnapshot; gates: GateSnapshot | null } | null {
    const p = this.panels;
    this.panels = null;
    return p;
  }

  private onWorker(msg: FromWorker): void {
    switch (msg.type) {
      case 'backend':
        this.backend = msg.backend;
        return this.events.backend(msg.backend, msg.tried);
      case 'progress':
        return this.events.progress(msg.progress);
      case 'trained':
      case 'loaded':
        this.training = false;
        this.model = msg.info;
        return this.events.ready(msg.info, msg.type === 'trained' ? msg.seconds : null);
      case 'train-failed': {
        this.training = false;
        const lost = msg.code === 'WEBGL_CONTEXT_LOST';
        if (lost) {
          // The old worker may hang inside tfjs: start a fresh one on wasm; nothing was saved.
          this.worker.restart();
          this.model = null;
          this.clear();
          this.backend = 'starting';
          this.worker.send({ type: 'init', backend: 'wasm', softwareWebgl: this.softwareWebgl });
        }
        return this.events.trainFailed({ code: msg.code, message: msg.message, ...(msg.hint ? { hint: msg.hint } : {}) }, lost);
      }
      case 'forecasts':
        if (msg.view !== undefined) this.answeredView = msg.view;
        if (this.answeredView !== this.view) return; // meant for a view the page has left
        if (msg.latest) this.latest = msg.latest;
        this.segments.push(...msg.segments);
        if (this.segments.length > MAX_SEGMENTS && this.options.isLive()) this.segments.splice(0, this.segments.length - MAX_SEGMENTS);
        this.panels = { skill: msg.skill, gates: msg.gates };
        this.changed = true;
        return;
      case 'saved':
        return this.events.saved(msg.manifest, msg.weights);
      case 'failed':
        return this.events.failed({ code: msg.code, message: msg.message, ...(msg.hint ? { hint: msg.hint } : {}) });
    }
  }
}
