// The status line: source state, samples/s, rejected lines, drops, recording, tfjs backend.
// Callers: app.ts on every status event and backend change.
import type { AppStatus } from '../../../shared/api/contract';

import { byId } from './dom';

const STATE_TEXT: Record<AppStatus['state'], string> = {
  idle: 'idle',
  connecting: 'connecting…',
  connected: 'connected',
  stalled: 'stalled (no data)',
  disconnected: 'disconnected',
  reconnecting: 'reconnecting…',
  closed: 'closed',
  ended: 'ended',
};

export function renderStatus(status: AppStatus): void {
  const state = byId('st-state');
  state.dataset.state = status.state;
  byId('st-state-text').textContent = STATE_TEXT[status.state];
  byId('st-label').textContent = status.label;
  byId('st-rate').textContent = `${status.samplesPerSecond.toLocaleString('en-US')} samples/s`;
  const rejected = byId('st-rejected');
  rejected.textContent = `${status.rejected.toLocaleString('en-US')} rejected`;
  rejected.title = status.rejected > 0 ? 'Lines that did not decode (wrong baud rate, garbage, non-numeric values)' : '';
  const dropped = byId('st-dropped');
  dropped.hidden = status.dropped === 0;
  dropped.textContent = `${status.dropped.toLocaleString('en-US')} dropped`;
  const rec = byId('st-recording');
  rec.classList.toggle('on', status.recording.on);
  rec.textContent = status.recording.on ? `● recording ${(status.recording.bytes / 1024).toFixed(0)} KiB` : status.recording.error ? `recording stopped: ${status.recording.error.message}` : 'not recording';
  rec.title = status.recording.path ?? '';
  byId('record').classList.toggle('on', status.recording.on);
  byId('record').lastChild!.textContent = status.recording.on ? 'Stop' : 'Record';
}

export function renderBackend(text: string, title = ''): void {
  const el = byId('st-backend');
  el.textContent = text;
  el.title = title;
}
