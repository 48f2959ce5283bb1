// The app's saved models: `<dir>/<name>/`, each a bundle folder of main/files/model-folder.ts
// (the layout the CLI writes too), written to a temp folder and renamed into place, so a crash
// never leaves half a model. Names are validated by the contract (no separators, no leading dot)
// and checked again here. Callers: main/api/app-services.ts (created by main/session/create-session.ts).
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { fail, modelNameSchema, ok, type ModelBundleWire, type ModelEntry, type Result } from '../../shared/api/contract';

import { readModelFolder, WEIGHTS_FILE, writeModelFolder } from '../files/model-folder';

export class ModelStore {
  /** @param dir The models folder, e.g. `<userData>/models`. */
  constructor(private readonly dir: string) {}

  private folder(name: string): string | null {
    // Why: the name becomes a folder; re-check it here so no caller can escape the models folder.
    if (!modelNameSchema.safeParse(name).success) return null;
    const full = resolve(this.dir, name);
    const rel = relative(resolve(this.dir), full);
    return rel === name ? full : null;
  }

  async save(bundle: ModelBundleWire): Promise<Result<ModelEntry>> {
    const folder = this.folder(bundle.name);
    if (!folder) return fail('invalid-payload', `Bad model name: ${bundle.name}`);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${folder}.tmp-${process.pid}-${Date.now()}`;
    const weights = Buffer.from(bundle.weights, 'base64');
    await writeModelFolder(tmp, bundle.manifest, weights);
    await rm(folder, { recursive: true, force: true });
    await rename(tmp, folder);
    return ok({ name: bundle.name, savedAt: Date.now(), bytes: weights.byteLength });
  }

  async load(name: string): Promise<Result<ModelBundleWire>> {
    const folder = this.folder(name);
    if (!folder) return fail('invalid-payload', `Bad model name: ${name}`);
    const r = await readModelFolder(folder);
    if (!r.ok && r.reason === 'unreadable') return fail('not-found', `No saved model named "${name}".`, 'Pick one from the list of saved models.');
    if (!r.ok) return fail('BAD_BUNDLE', `Model "${name}" is damaged: its manifest is not JSON.`, 'Train and save the model again.');
    const { manifest, weights } = r;
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return fail('BAD_BUNDLE', `Model "${name}" is damaged: bad manifest.`);
    return ok({ name, manifest: manifest as Record<string, unknown>, weights: weights.toString('base64') });
  }

  async list(): Promise<ModelEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const entries: ModelEntry[] = [];
    for (const name of names) {
      if (!this.folder(name)) continue;
      try {
        const info = await stat(join(this.dir, name, WEIGHTS_FILE));
        entries.push({ name, savedAt: info.mtimeMs, bytes: info.size });
      } catch {
        // not a complete model folder
      }
    }
    return entries.sort((a, b) => b.savedAt - a.savedAt);
  }
}
