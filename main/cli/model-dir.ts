// CLI model storage: `forecast --save-model DIR` writes the bundle folder of
// main/files/model-folder.ts (DIR/model.json + DIR/weights.bin, the layout the app uses too);
// loadModelDir reads one back with the CLI's wording of a failure (tests load what the CLI saved).
import { EngineError, type ModelBundle } from '../../shared/model';
import { readModelFolder, writeModelFolder } from '../files/model-folder';

/** Writes the bundle into `dir`. */
export async function saveModelDir(dir: string, bundle: ModelBundle): Promise<void> {
  await writeModelFolder(dir, bundle.manifest, new Uint8Array(bundle.weights));
}

/** Reads a bundle written by saveModelDir (or the app); BAD_BUNDLE when a file is missing or not JSON. */
export async function loadModelDir(dir: string): Promise<ModelBundle> {
  const r = await readModelFolder(dir);
  if (!r.ok && r.reason === 'unreadable') throw new EngineError('BAD_BUNDLE', `cannot read the model in ${dir}: ${r.error.message}`, 'save one with `sensorcast forecast ... --save-model DIR`');
  if (!r.ok) throw new EngineError('BAD_BUNDLE', `${r.file} is not valid JSON (corrupt or truncated)`);
  const w = r.weights;
  const ab = w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer;
  return { manifest: r.manifest as Record<string, unknown>, weights: ab };
}
