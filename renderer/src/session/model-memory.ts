// The last model of each live source, kept across reloads and restarts: a model trained on live
// data is saved as "last-<source>" and noted in the settings (as is a saved model the user
// loads), and brought back when that source is on again with no model on hand.
// Callers: session/forecast-controller.ts.
import type { AppApi, Settings } from '../../../shared/api/contract';
import { fromBase64, toBase64 } from '../../../shared/api/wire';

import { lastModelName, rememberModel } from './last-model';

export interface ModelMemoryOptions {
  settings(): Settings;
  saveSettings(patch: Partial<Settings>): Promise<void>;
  /** Hands a stored model to the worker. */
  load(manifest: Record<string, unknown>, weights: ArrayBuffer): void;
  /** The model list changed (a model was saved). */
  saved(): void;
}

export class ModelMemory {
  /** The live source on now (see last-model.ts), null for none or a file. */
  source: string | null = null;
  /** Set while a restored model is on its way to the worker. */
  restoring = false;

  constructor(
    private readonly api: AppApi,
    private readonly o: ModelMemoryOptions,
  ) {}

  /** Brings back the last model of the source on now, if it has one; false if not. */
  async restore(): Promise<boolean> {
    const name = this.source ? this.o.settings().lastModels[this.source] : undefined;
    if (!name) return false;
    const bundle = await this.api.loadModel({ name });
    // A model deleted since is simply forgotten: the user trains anew.
    if (!bundle.ok) return false;
    const bytes = fromBase64(bundle.value.weights);
    this.restoring = true;
    this.o.load(bundle.value.manifest, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return true;
  }

  /** Keeps a model just trained on the live source as that source's last model. */
  async keep(manifest: Record<string, unknown>, weights: ArrayBuffer, source: string): Promise<void> {
    const name = lastModelName(source);
    // The source's last model is replaced by its newest one without asking: that is what it keeps.
    const r = await this.api.saveModel({ name, manifest, weights: toBase64(weights), overwrite: true });
    if (!r.ok) return;
    await this.remember(source, name);
    this.o.saved();
  }

  /** Notes `name` as the last model of `source` (a saved model the user loaded). */
  async remember(source: string, name: string): Promise<void> {
    await this.o.saveSettings({ lastModels: rememberModel(this.o.settings().lastModels, source, name) });
  }
}
