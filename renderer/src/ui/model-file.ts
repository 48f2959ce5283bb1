// Saved models as files a user can keep (issue 13 item 5). Browser mode: "Download" next to the
// model list fetches `/download/models/<name>` (main/server/downloads.ts, behind the token) as
// `<name>.sensorcast-model.json`; Electron hides it (its models are folders under the app's data
// folder). Both modes: "Load from file…" reads such a file, checks it with saveModel's schema
// (shared/api/model-file.ts), saves it under a fresh name and loads it as "Load" would.
// Callers: main.ts (installModelFiles).
import { MODEL_FILE_SUFFIX, parseModelFile } from '../../../shared/api/model-file';
import type { App } from '../app';

import { byId, toast, unwrap } from './dom';
import { uniqueName } from './model-list';

async function loadFile(app: App, file: File): Promise<void> {
  const panel = app.modelPanel;
  // Why: the file comes from anywhere; only what saveModel's schema accepts is stored.
  const bundle = unwrap(parseModelFile(await file.text()));
  if (!bundle) return;
  await panel.refreshModels();
  const name = uniqueName(bundle.name, panel.savedNames());
  if (!unwrap(await app.api.saveModel({ ...bundle, name }))) return;
  toast(`Model "${name}" saved from ${file.name}.`, 'info');
  await panel.refreshModels(name);
  await panel.loadModel();
}

export function installModelFiles(app: App): void {
  const download = byId<HTMLButtonElement>('download-model');
  download.hidden = app.mode !== 'browser';
  download.addEventListener('click', () => {
    const name = byId<HTMLSelectElement>('model-list').value;
    if (!name) return toast({ code: 'no-model', message: 'Choose a saved model first.' });
    const a = document.createElement('a');
    a.href = `/download/models/${encodeURIComponent(name)}`;
    a.download = `${name}${MODEL_FILE_SUFFIX}`;
    a.click();
  });
  const input = byId<HTMLInputElement>('model-file');
  byId('load-model-file').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void loadFile(app, file);
  });
}
