// A saved model as one file a user can keep (`<name>.sensorcast-model.json`): the bundle that
// saveModel takes (name, the engine's manifest, the weights in base64) with a format tag and
// version. Browser mode downloads it (main/server/downloads.ts writes it) and the page's "Load
// from file…" reads it back (renderer/src/ui/model-file.ts), checked by saveModel's own schema.
import { z } from 'zod';

import { fail, ok, type Result } from './result';
import { modelBundleSchema, type ModelBundleWire } from './schemas';

export const MODEL_FILE_FORMAT = 'sensorcast-model';
/** What a model file's name ends with. */
export const MODEL_FILE_SUFFIX = '.sensorcast-model.json';

const modelFileSchema = modelBundleSchema.extend({ format: z.literal(MODEL_FILE_FORMAT), version: z.literal(1) });

/** The file's text for a saved model. */
export function modelFileText(bundle: ModelBundleWire): string {
  return `${JSON.stringify({ format: MODEL_FILE_FORMAT, version: 1, name: bundle.name, manifest: bundle.manifest, weights: bundle.weights })}\n`;
}

/** The bundle in a model file; `bad-model-file` saying why when the text is not one. */
export function parseModelFile(text: string): Result<ModelBundleWire> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('bad-model-file', 'This file is not a sensorcast model: it is not JSON.', `Choose a ${MODEL_FILE_SUFFIX} file downloaded from the model panel.`);
  }
  const r = modelFileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return fail('bad-model-file', `This file is not a sensorcast model (${where}${issue.message}).`, `Choose a ${MODEL_FILE_SUFFIX} file downloaded from the model panel.`);
  }
  const { name, manifest, weights } = r.data;
  return ok({ name, manifest, weights });
}
