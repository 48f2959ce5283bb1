// A model bundle on disk: one folder holding `model.json` (the manifest) and `weights.bin`. The
// one layout for the CLI (`forecast --save-model DIR`, main/cli/model-dir.ts) and the app's saved
// models (main/storage/model-store.ts). Folders the app wrote before this layout hold
// `manifest.json` instead; they are still read.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MANIFEST_FILE = 'model.json';
/** The app's former manifest name, read when a folder has no MANIFEST_FILE. */
export const LEGACY_MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'weights.bin';

/** Writes both files into `dir` (created), each through a temporary name, so a crash never leaves half a file. */
export async function writeModelFolder(dir: string, manifest: Record<string, unknown>, weights: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  const put = async (name: string, data: string | Uint8Array): Promise<void> => {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(dir, name));
  };
  await put(WEIGHTS_FILE, weights);
  await put(MANIFEST_FILE, `${JSON.stringify(manifest)}\n`);
}

export type ModelFolder =
  | { ok: true; manifest: unknown; weights: Buffer }
  /** A file is missing or unreadable (`error` says why). */
  | { ok: false; reason: 'unreadable'; error: Error }
  /** The manifest (`file`) is not JSON: corrupt or truncated. */
  | { ok: false; reason: 'not-json'; file: string };

/** Reads a bundle folder (MANIFEST_FILE, else LEGACY_MANIFEST_FILE, and WEIGHTS_FILE); each caller words the failure. */
export async function readModelFolder(dir: string): Promise<ModelFolder> {
  let file = join(dir, MANIFEST_FILE);
  let manifestText: string;
  let weights: Buffer;
  try {
    manifestText = await readFile(file, 'utf8').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      file = join(dir, LEGACY_MANIFEST_FILE);
      return readFile(file, 'utf8').catch(() => Promise.reject(err));
    });
    weights = await readFile(join(dir, WEIGHTS_FILE));
  } catch (err) {
    return { ok: false, reason: 'unreadable', error: err as Error };
  }
  try {
    return { ok: true, manifest: JSON.parse(manifestText) as unknown, weights };
  } catch {
    return { ok: false, reason: 'not-json', file };
  }
}

/** The manifest alone (MANIFEST_FILE, else LEGACY_MANIFEST_FILE), parsed; null when missing or not JSON. For listings: the weights stay on disk. */
export async function readManifest(dir: string): Promise<unknown> {
  for (const name of [MANIFEST_FILE, LEGACY_MANIFEST_FILE]) {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }
  return null;
}
