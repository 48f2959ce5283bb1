// The model panel: Train and Cancel, the progress bar and loss chart, what the model is, and
// saving and loading models by name: a new model gets a fresh name, saving over a saved one asks
// first, the list says what each saved model is, and a model that does not fit the data on
// screen is not loaded (the current one stays). Downloading a model and loading one from a file
// are ui/model-file.ts's. Callers: session/forecast-controller.ts builds it and feeds it the
// forecast session's events; ui/menu.ts runs its actions; ui/model-file.ts.
import type { AppApi, AppError, ModelEntry } from '../../../shared/api/contract';
import { fromBase64, toBase64 } from '../../../shared/api/wire';
import type { ModelInfo, TrainProgress } from '../../../shared/model/types';

import { LossChart } from '../chart/loss-chart';
import { byId, fmt, toast, unwrap } from './dom';
import { confirmDialog } from './model-confirm';
import { freshModelName, modelDetails, modelLabel, modelMisfit } from './model-list';
import { describeModel, progressText, readyText } from './model-text';
import { safeName } from './names';

export interface ModelPanelActions {
  train(): void;
  cancel(): void;
  /** Asks the worker for the model's bundle (it comes back through saveBundle). */
  save(): void;
  load(manifest: Record<string, unknown>, weights: ArrayBuffer, name: string): void;
  hasModel(): boolean;
  /** The data on screen: its channels, the target and what to call it ("this file"). */
  view(): { channels: readonly string[]; target: string | null; name: string };
}

export class ModelPanel {
  readonly loss: LossChart;
  /** The saved models, as last listed. */
  private models: ModelEntry[] = [];
  /** The saved model being loaded (its name goes into the name field once it is ready). */
  private loading: string | null = null;
  private readonly details: HTMLElement;

  constructor(
    private readonly api: AppApi,
    private readonly actions: ModelPanelActions,
  ) {
    this.loss = new LossChart(byId<HTMLCanvasElement>('loss-chart'));
    byId('train').addEventListener('click', () => actions.train());
    byId('cancel-train').addEventListener('click', () => actions.cancel());
    byId('save-model').addEventListener('click', () => this.saveModel());
    byId('load-model').addEventListener('click', () => void this.loadModel());
    const list = byId<HTMLSelectElement>('model-list');
    this.details = document.createElement('p');
    this.details.id = 'model-details';
    this.details.className = 'small muted';
    list.parentElement!.after(this.details);
    list.addEventListener('change', () => this.showDetails());
    // Back from a terminal where `sensorcast forecast --save-model` wrote into the models folder: list it.
    window.addEventListener('focus', () => void this.refreshModels());
    void this.refreshModels();
  }

  startTraining(rows: number): void {
    this.loss.clear();
    this.setTrainUi(true, `Training on ${rows.toLocaleString('en-US')} rows (first epoch)…`, 0);
  }

  progress(p: TrainProgress): void {
    this.loss.add(p.epoch, p.loss, p.valLoss);
    this.setTrainUi(true, progressText(p, fmt), (100 * p.epoch) / p.epochs);
  }

  ready(info: ModelInfo, seconds: number | null, restored = false): void {
    this.setTrainUi(false, readyText(info, seconds, restored), 100, info.stopReason === 'nan-loss');
    this.setInfo(describeModel(info));
    document.body.dataset.model = 'ready';
    const name = byId<HTMLInputElement>('model-name');
    // A new model never inherits the name of the one before it; a loaded one keeps its own.
    if (seconds !== null) name.value = freshModelName(info.target, info.horizon, this.models.map((m) => m.name));
    else if (this.loading) name.value = this.loading;
    this.loading = null;
  }

  failed(error: AppError, modelDropped: boolean): void {
    if (modelDropped) delete document.body.dataset.model;
    this.setTrainUi(false, `Training stopped: ${error.message}`, 0, error.code !== 'CANCELLED');
    if (error.code !== 'CANCELLED') toast(error);
  }

  setInfo(text: string): void {
    byId('model-info').textContent = text;
  }

  /** Stores the bundle the worker produced for "Save model" under the name in the field; asks before replacing a saved one. */
  saveBundle(manifest: Record<string, unknown>, weights: ArrayBuffer): void {
    void this.store(safeName(byId<HTMLInputElement>('model-name').value.trim() || 'model'), manifest, toBase64(weights));
  }

  private async store(name: string, manifest: Record<string, unknown>, weights: string): Promise<void> {
    let r = await this.api.saveModel({ name, manifest, weights });
    if (!r.ok && r.error.code === 'model-exists') {
      const replace = await confirmDialog({
        title: 'Replace the saved model?',
        message: `A model named "${name}" is already saved. Replace it with this one? The old one cannot be brought back.`,
        yes: 'Replace',
        no: 'Keep the old one',
      });
      if (!replace) return toast(`Kept the saved model "${name}"; this one was not saved. Give it another name to keep both.`, 'info');
      r = await this.api.saveModel({ name, manifest, weights, overwrite: true });
    }
    if (unwrap(r)) {
      toast(`Model "${name}" saved.`, 'info');
      await this.refreshModels(name);
    }
  }

  saveModel(): void {
    if (!this.actions.hasModel()) return toast({ code: 'no-model', message: 'There is no trained model to save.', hint: 'Train a model first.' });
    this.actions.save();
  }

  async loadModel(): Promise<void> {
    const name = byId<HTMLSelectElement>('model-list').value;
    if (!name) return toast({ code: 'no-model', message: 'Choose a saved model first.' });
    // Why: a model for other channels would forecast nothing here; say why and keep the current one.
    const entry = this.models.find((m) => m.name === name);
    const misfit = entry ? modelMisfit(entry, this.actions.view()) : null;
    if (misfit) return toast({ code: 'model-mismatch', ...misfit });
    const bundle = unwrap(await this.api.loadModel({ name }));
    if (!bundle) return;
    const bytes = fromBase64(bundle.weights);
    const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    this.loading = name;
    this.actions.load(bundle.manifest, weights, name);
  }

  /** The saved models' names, as last listed. */
  savedNames(): string[] {
    return this.models.map((m) => m.name);
  }

  /** Lists the saved models (newest first), keeping the choice or choosing `select`. */
  async refreshModels(select?: string): Promise<void> {
    this.models = unwrap(await this.api.listModels()) ?? [];
    const list = byId<HTMLSelectElement>('model-list');
    const keep = select ?? list.value;
    list.replaceChildren(
      ...this.models.map((m) => {
        const o = new Option(modelLabel(m), m.name);
        o.title = modelDetails(m);
        return o;
      }),
    );
    if (this.models.length === 0) list.append(new Option('no saved models', ''));
    if (this.models.some((m) => m.name === keep)) list.value = keep;
    this.showDetails();
  }

  private showDetails(): void {
    const m = this.models.find((x) => x.name === byId<HTMLSelectElement>('model-list').value);
    this.details.textContent = m ? modelDetails(m) : '';
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
}
