// Model storage stage, writing: turns a trained network + spec into a versioned bundle
// ({ manifest: JSON, weights: ArrayBuffer }) through a tfjs save handler, so no tfjs-node and no
// file system are needed (main writes the bundle to disk). Called by EngineForecaster.toBundle.
import * as tf from '@tensorflow/tfjs';

import type { ModelSpec } from './spec';
import type { ModelBundle } from './types';

export const BUNDLE_FORMAT = 'sensorcast-model';
export const BUNDLE_VERSION = 1;

/** FNV-1a over the bytes: detects corrupt weights (not an integrity guarantee against tampering). */
export function checksum(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export async function saveBundle(model: tf.LayersModel, spec: ModelSpec): Promise<ModelBundle> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (!a || !a.weightData || !a.weightSpecs) throw new Error('tfjs returned no weights when saving the model');
  const weights = tf.io.CompositeArrayBuffer.join(a.weightData);
  const manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_VERSION,
    tfjsVersion: tf.version.tfjs,
    spec: JSON.parse(JSON.stringify(spec)) as Record<string, unknown>,
    modelTopology: a.modelTopology as Record<string, unknown>,
    weightSpecs: a.weightSpecs,
    weightsBytes: weights.byteLength,
    weightsChecksum: checksum(weights),
  };
  return { manifest, weights };
}
