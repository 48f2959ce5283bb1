// Keyboard shortcuts (the Electron menu shows the same accelerators and sends the same actions).
// Callers: app.ts installs them and lists them in the Shortcuts card.
import type { MenuAction } from '../../../shared/api/contract';

export interface Shortcut {
  keys: string;
  action: MenuAction;
  label: string;
  match: (e: KeyboardEvent) => boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+Enter', action: 'train', label: 'Train', match: (e) => mod(e) && e.key === 'Enter' },
  { keys: 'Esc', action: 'cancel-training', label: 'Cancel training', match: (e) => e.key === 'Escape' },
  { keys: 'Ctrl+O', action: 'open-file', label: 'Open a CSV file', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'o' },
  { keys: 'Ctrl+D', action: 'demo', label: 'Demo source', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'd' },
  { keys: 'Ctrl+Shift+R', action: 'toggle-recording', label: 'Start/stop recording', match: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'r' },
  { keys: 'Ctrl+Shift+E', action: 'export-csv', label: 'Export forecasts (CSV)', match: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'e' },
  { keys: 'Ctrl+Shift+P', action: 'export-png', label: 'Save chart (PNG)', match: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'p' },
  { keys: 'Ctrl+S', action: 'save-model', label: 'Save model', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 's' },
  { keys: 'Ctrl+Shift+L', action: 'load-model', label: 'Load model', match: (e) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'l' },
  { keys: '0', action: 'reset-zoom', label: 'Reset view / follow live', match: (e) => !mod(e) && !e.altKey && e.key === '0' },
];

export function installShortcuts(run: (action: MenuAction) => void): void {
  window.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    for (const s of SHORTCUTS) {
      if (!s.match(e)) continue;
      // Plain keys belong to the field being typed in.
      if (typing && !mod(e) && s.action !== 'cancel-training') return;
      e.preventDefault();
      run(s.action);
      return;
    }
  });
}

export function listShortcuts(root: HTMLElement): void {
  root.replaceChildren();
  for (const s of SHORTCUTS) {
    const dt = document.createElement('dt');
    dt.textContent = s.keys;
    const dd = document.createElement('dd');
    dd.textContent = s.label;
    root.append(dt, dd);
  }
}
