// CLI model storage: a bundle on disk as DIR/model.json (manifest) + DIR/weights.bin.
// Called by `forecast --save-model DIR`; the app's own storage lives in main/ elsewhere.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { EngineError, type ModelBundle } from '../../shared/model';

/** Writes both files (each through a temporary name, so a crash never leaves half a file). */
export async function saveModelDir(dir: string, bundle: ModelBundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  const put = async (name: string, data: string | Uint8Array): Promise<void> => {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(dir, name));
  };
  await put('weights.bin', new Uint8Array(bundle.weights));
  await put('model.json', `${JSON.stringify(bundle.manifest)}\n`);
}

/** Reads a bundle written by saveModelDir; BAD_BUNDLE when a file is missing or not JSON. */
export async function loadModelDir(dir: string): Promise<ModelBundle> {
  let manifestText: string;
  let weights: Buffer;
  try {
    manifestText = await readFile(join(dir, 'model.json'), 'utf8');
    weights = await readFile(join(dir, 'weights.bin'));
  } catch (err) {
    throw new EngineError('BAD_BUNDLE', `cannot read the model in ${dir}: ${(err as Error).message}`, 'save one with `sensorcast forecast ... --save-model DIR`');
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(manifestText) as Record<string, unknown>;
  } catch {
    throw new EngineError('BAD_BUNDLE', `${join(dir, 'model.json')} is not valid JSON (corrupt or truncated)`);
  }
  const ab = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return { manifest, weights: ab };
}
