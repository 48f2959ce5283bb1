// Model storage stage, writing: turns a trained model (spec, linear weights, optional network)
// into a versioned bundle ({ manifest: JSON, weights: ArrayBuffer }); the network goes through a
// tfjs save handler, so no tfjs-node and no file system are needed (main writes the bundle to
// disk). The weights are the network's (tfjs layout), then the linear map's (float32, rows x H).
// Called by EngineForecaster.toBundle.
import * as tf from '@tensorflow/tfjs';

import type { ModelSpec } from './spec';
import type { ModelBundle } from './types';

export const BUNDLE_FORMAT = 'sensorcast-model';
/**
 * 2: the linear method's weights after the network's; the LSTM reads step changes and levels.
 * 3: interval widths may be in units of a local scale (IntervalSpec.scaleRows); a reader of 2
 * would ignore the field and draw wrong bands, so it must refuse these. Version 2 bundles (widths in
 * model units) are still read.
 */
export const BUNDLE_VERSION = 3;
/** The oldest format version this app reads. */
export const OLDEST_BUNDLE_VERSION = 2;

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

export async function saveBundle(model: tf.LayersModel | null, spec: ModelSpec, linear: Float32Array): Promise<ModelBundle> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  if (model) {
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
  }
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (model && (!a || !a.weightData || !a.weightSpecs)) throw new Error('tfjs returned no weights when saving the model');
  const netBytes = a?.weightData ? tf.io.CompositeArrayBuffer.join(a.weightData) : new ArrayBuffer(0);
  const weights = new Uint8Array(netBytes.byteLength + linear.byteLength);
  weights.set(new Uint8Array(netBytes), 0);
  weights.set(new Uint8Array(linear.buffer, linear.byteOffset, linear.byteLength), netBytes.byteLength);
  const manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_VERSION,
    tfjsVersion: tf.version.tfjs,
    spec: JSON.parse(JSON.stringify(spec)) as Record<string, unknown>,
    modelTopology: (a?.modelTopology as Record<string, unknown> | undefined) ?? null,
    weightSpecs: a?.weightSpecs ?? [],
    linear: { byteOffset: netBytes.byteLength, rows: linear.length / spec.info.horizon, cols: spec.info.horizon },
    weightsBytes: weights.byteLength,
    weightsChecksum: checksum(weights.buffer),
  };
  return { manifest, weights: weights.buffer };
}
