// The model panel: Train and Cancel, the progress bar and loss chart, what the model is, and
// saving and loading models by name. Callers: app.ts builds it and feeds it the forecast
// session's events; ui/menu.ts runs its actions.
import type { AppApi, AppError } from '../../../shared/api/contract';
import { fromBase64, toBase64 } from '../../../shared/api/wire';
import type { ModelInfo, TrainProgress } from '../../../shared/model/types';

import { LossChart } from '../chart/loss-chart';
import { byId, fmt, toast, unwrap } from './dom';
import { describeModel, progressText, readyText } from './model-text';
import { defaultModelName, safeName } from './names';

export interface ModelPanelActions {
  train(): void;
  cancel(): void;
  /** Asks the worker for the model's bundle (it comes back through saveBundle). */
  save(): void;
  load(manifest: Record<string, unknown>, weights: ArrayBuffer, name: string): void;
  hasModel(): boolean;
}

export class ModelPanel {
  readonly loss: LossChart;

  constructor(
    private readonly api: AppApi,
    private readonly actions: ModelPanelActions,
  ) {
    this.loss = new LossChart(byId<HTMLCanvasElement>('loss-chart'));
    byId('train').addEventListener('click', () => actions.train());
    byId('cancel-train').addEventListener('click', () => actions.cancel());
    byId('save-model').addEventListener('click', () => this.saveModel());
    byId('load-model').addEventListener('click', () => void this.loadModel());
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
    if (!name.value) name.value = defaultModelName(info.target, info.horizon);
  }

  failed(error: AppError, modelDropped: boolean): void {
    if (modelDropped) delete document.body.dataset.model;
    this.setTrainUi(false, `Training stopped: ${error.message}`, 0, error.code !== 'CANCELLED');
    if (error.code !== 'CANCELLED') toast(error);
  }

  setInfo(text: string): void {
    byId('model-info').textContent = text;
  }

  /** Stores the bundle the worker produced for "Save model" under the name in the field. */
  saveBundle(manifest: Record<string, unknown>, weights: ArrayBuffer): void {
    const name = safeName(byId<HTMLInputElement>('model-name').value.trim() || 'model');
    void this.api.saveModel({ name, manifest, weights: toBase64(weights) }).then((r) => {
      if (unwrap(r)) {
        toast(`Model "${name}" saved.`, 'info');
        void this.refreshModels();
      }
    });
  }

  saveModel(): void {
    if (!this.actions.hasModel()) return toast({ code: 'no-model', message: 'There is no trained model to save.', hint: 'Train a model first.' });
    this.actions.save();
  }

  async loadModel(): Promise<void> {
    const name = byId<HTMLSelectElement>('model-list').value;
    if (!name) return toast({ code: 'no-model', message: 'Choose a saved model first.' });
    const bundle = unwrap(await this.api.loadModel({ name }));
    if (!bundle) return;
    const bytes = fromBase64(bundle.weights);
    const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    this.actions.load(bundle.manifest, weights, name);
  }

  async refreshModels(): Promise<void> {
    const list = unwrap(await this.api.listModels()) ?? [];
    const select = byId<HTMLSelectElement>('model-list');
    select.replaceChildren(...list.map((m) => new Option(`${m.name} (${new Date(m.savedAt).toLocaleDateString()})`, m.name)));
    if (list.length === 0) select.append(new Option('no saved models', ''));
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
