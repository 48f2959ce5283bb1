// The app's saved models: `<dir>/<name>/`, each a bundle folder of main/files/model-folder.ts
// (the layout the CLI writes too), written to a temp folder and renamed into place, so a crash
// never leaves half a model. Names are validated by the contract (no separators, no leading dot)
// and checked again here. A name already saved is replaced only when the caller says so. The
// list says what each model is (target, channels and units, seasons, horizon) from its manifest.
// Callers: main/api/app-services.ts (created by main/session/create-session.ts).
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { z } from 'zod';

import { fail, modelNameSchema, ok, type ModelBundleWire, type ModelEntry, type Result } from '../../shared/api/contract';

import { readManifest, readModelFolder, WEIGHTS_FILE, writeModelFolder } from '../files/model-folder';

/** The part of an engine manifest the list shows (spec.info of shared/model); anything else is ignored. */
const manifestInfoSchema = z.object({
  spec: z.object({
    info: z.object({
      target: z.string().max(200),
      channels: z.array(z.object({ name: z.string().max(200), unit: z.string().max(50).optional() })).max(64),
      horizon: z.number().int(),
      seasons: z.array(z.object({ period: z.number(), label: z.string().max(100) })).max(10),
      intervalMs: z.number().nullable(),
    }),
  }),
});

/** What a manifest says the model is; nothing for a manifest that is not the engine's. */
export function describeManifest(manifest: unknown): Omit<ModelEntry, 'name' | 'savedAt' | 'bytes'> {
  const r = manifestInfoSchema.safeParse(manifest);
  if (!r.success) return {};
  const { target, channels, horizon, seasons, intervalMs } = r.data.spec.info;
  return {
    target,
    channels: channels.map((c) => (c.unit ? { name: c.name, unit: c.unit } : { name: c.name })),
    seasons: seasons.map((x) => ({ period: x.period, label: x.label })),
    horizon,
    intervalMs,
  };
}

export interface SaveOptions {
  /** Replace a model already saved under the name. Default false: fail with `model-exists`. */
  overwrite?: boolean;
}

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

  async save(bundle: ModelBundleWire, options: SaveOptions = {}): Promise<Result<ModelEntry>> {
    const folder = this.folder(bundle.name);
    if (!folder) return fail('invalid-payload', `Bad model name: ${bundle.name}`);
    // Why: a save must never replace another model unless the user said so.
    if (!options.overwrite && (await exists(folder))) {
      return fail('model-exists', `A model named "${bundle.name}" is already saved.`, 'Save it under another name, or confirm to replace it.');
    }
    await mkdir(this.dir, { recursive: true });
    const tmp = `${folder}.tmp-${process.pid}-${Date.now()}`;
    const weights = Buffer.from(bundle.weights, 'base64');
    await writeModelFolder(tmp, bundle.manifest, weights);
    await rm(folder, { recursive: true, force: true });
    await rename(tmp, folder);
    return ok({ name: bundle.name, savedAt: Date.now(), bytes: weights.byteLength, ...describeManifest(bundle.manifest) });
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
        entries.push({ name, savedAt: info.mtimeMs, bytes: info.size, ...describeManifest(await readManifest(join(this.dir, name))) });
      } catch {
        // not a complete model folder
      }
    }
    return entries.sort((a, b) => b.savedAt - a.savedAt);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
