// Where the last recording went: after recording stops, the status bar names its file (full path
// on hover) with "Open folder" (Electron: main shows it in the file manager) or "Download"
// (browser mode: /download/recordings/<file>, served from the data folder behind the token).
// Callers: main.ts (installRecordingLink).
import type { AppStatus } from '../../../shared/api/contract';
import type { App } from '../app';

import { byId, unwrap } from './dom';

/** The file name of a path written on any system. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function render(app: App, status: AppStatus): void {
  const box = byId('st-saved');
  const path = status.recording.path;
  box.hidden = status.recording.on || path === null;
  if (box.hidden || path === null) return;
  const name = fileNameOf(path);
  byId('st-saved-name').textContent = `saved ${name}`;
  box.title = path;
  const link = byId<HTMLAnchorElement>('st-saved-download');
  const open = byId<HTMLButtonElement>('st-saved-open');
  link.hidden = app.mode !== 'browser';
  open.hidden = app.mode === 'browser';
  if (app.mode === 'browser') {
    link.href = `/download/recordings/${encodeURIComponent(name)}`;
    link.download = name;
  }
}

export function installRecordingLink(app: App): void {
  byId('st-saved-open').addEventListener('click', () => void app.api.showRecording().then(unwrap));
  app.api.on('status', (status) => render(app, status));
  render(app, app.status);
}
