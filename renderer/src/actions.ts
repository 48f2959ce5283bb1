// The page's actions: source picker (demo, serial, file), file open and drag-and-drop, forecast
// CSV and chart PNG export, model save/load, recording, and the menu/shortcut dispatch.
// Callers: main.ts, after the App is built.
import { MAX_UPLOAD_BYTES, type MenuAction, type Result, type SourceSpecInput } from '../../shared/api/contract';
import { decodeTable, fromBase64, toBase64 } from '../../shared/api/wire';
import { horizonSteps } from '../../shared/series/time-span';

import { uploadFile } from './api/upload';
import type { App } from './app';
import { byId, download, toast } from './ui/dom';
import { installShortcuts, listShortcuts } from './ui/shortcuts';

type Kind = 'demo' | 'serial' | 'file';

function unwrap<T>(r: Result<T>): T | null {
  if (r.ok) return r.value;
  toast(r.error);
  return null;
}

export function installActions(app: App): Record<MenuAction, () => void> {
  const { api } = app;
  let kind: Kind = app.settings.source.kind === 'serial' ? 'serial' : 'demo';

  const showKind = (k: Kind) => {
    kind = k;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.segmented button')) b.setAttribute('aria-selected', String(b.dataset.kind === k));
    byId('serial-fields').hidden = k !== 'serial';
    byId('file-fields').hidden = k !== 'file';
    byId('connect').hidden = k === 'file';
    if (k === 'serial') void refreshPorts();
  };

  const refreshPorts = async () => {
    const ports = unwrap(await api.listPorts()) ?? [];
    const select = byId<HTMLSelectElement>('port-select');
    select.replaceChildren(...ports.map((p) => new Option(`${p.path}${p.manufacturer ? ` (${p.manufacturer})` : ''}`, p.path)));
    if (ports.length === 0) select.append(new Option('no ports found', ''));
    const path = byId<HTMLInputElement>('port-path');
    if (!path.value && ports[0]) path.value = ports[0].path;
  };
  byId<HTMLSelectElement>('port-select').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    if (v) byId<HTMLInputElement>('port-path').value = v;
  });

  const open = async (spec: SourceSpecInput) => {
    app.backToLive();
    const status = unwrap(await api.openSource(spec));
    if (status) app.onStatus(status);
  };

  const connect = () => {
    if (kind === 'demo') return void open({ kind: 'demo' });
    const path = byId<HTMLInputElement>('port-path').value.trim();
    if (!path) return toast({ code: 'no-port', message: 'Choose a serial port or type its path.', hint: 'On Linux it is usually /dev/ttyACM0 or /dev/ttyUSB0; on Windows COM3.' });
    void open({ kind: 'serial', path, baudRate: Number(byId<HTMLSelectElement>('baud').value) });
  };

  /** Puts a file on screen and selects the File tab, so the controls say what is shown. */
  const showFile = (name: string, table: Parameters<typeof decodeTable>[0]) => {
    app.showFile(name, decodeTable(table));
    showKind('file');
  };

  const importFileObject = async (file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) return toast({ code: 'too-large', message: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the page takes files up to ${MAX_UPLOAD_BYTES / 1e6} MB.`, hint: 'Use `sensorcast forecast` on the command line for larger logs, or open the file with Open CSV in the desktop app.' });
    if (file.size === 0) return toast({ code: 'BAD_FILE', message: `${file.name} is empty.` });
    const result = unwrap(await uploadFile(api, file, file.name));
    if (!result) return;
    showFile(result.name, result.table);
    if (result.notes.length) toast(result.notes.slice(0, 3).join(' · '), 'info');
  };

  const openFile = async () => {
    if (app.mode === 'electron') {
      const chosen = unwrap(await api.chooseFile());
      if (!chosen?.path) return;
      const result = unwrap(await api.importFile({ path: chosen.path }));
      if (result) showFile(result.name, result.table);
      return;
    }
    byId<HTMLInputElement>('file-input').click();
  };
  byId<HTMLInputElement>('file-input').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void importFileObject(file);
    (e.target as HTMLInputElement).value = '';
  });

  // Drag and drop anywhere on the page; never let the browser navigate to the file (FAULTS 29).
  const overlay = byId('drop-overlay');
  let depth = 0;
  window.addEventListener('dragenter', (e) => {
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file) void importFileObject(file);
  });

  const exportCsv = async () => {
    const target = app.channels.current.target;
    if (!target || (app.segments.length === 0 && !app.latest)) return toast({ code: 'no-forecast', message: 'There are no forecasts to export yet.', hint: 'Train or load a model first.' });
    const rows = forecastRows(app);
    const r = unwrap(await api.exportForecasts({ suggestedName: safeName(`${target}-forecast`), channel: target, rows }));
    if (!r) return;
    if (r.csv !== null) download(`${safeName(`${target}-forecast`)}.csv`, r.csv);
    else if (r.path) toast(`Saved ${r.path}`, 'info');
  };

  const exportPng = async () => {
    const dataUrl = app.chart.toPng();
    const name = safeName(`${app.channels.current.target ?? 'chart'}-chart`);
    if (app.mode === 'browser') return download(`${name}.png`, dataUrl);
    const r = unwrap(await api.savePng({ suggestedName: name, dataUrl }));
    if (r?.path) toast(`Saved ${r.path}`, 'info');
  };

  const refreshModels = async () => {
    const list = unwrap(await api.listModels()) ?? [];
    const select = byId<HTMLSelectElement>('model-list');
    select.replaceChildren(...list.map((m) => new Option(`${m.name} (${new Date(m.savedAt).toLocaleDateString()})`, m.name)));
    if (list.length === 0) select.append(new Option('no saved models', ''));
  };

  app.onSaved = (manifest, weights) => {
    const name = safeName(byId<HTMLInputElement>('model-name').value.trim() || 'model');
    void api.saveModel({ name, manifest, weights: toBase64(weights) }).then((r) => {
      if (unwrap(r)) {
        toast(`Model "${name}" saved.`, 'info');
        void refreshModels();
      }
    });
  };
  const saveModel = () => {
    if (!app.model) return toast({ code: 'no-model', message: 'There is no trained model to save.', hint: 'Train a model first.' });
    app.worker.send({ type: 'save' });
  };
  const loadModel = async () => {
    const name = byId<HTMLSelectElement>('model-list').value;
    if (!name) return toast({ code: 'no-model', message: 'Choose a saved model first.' });
    const bundle = unwrap(await api.loadModel({ name }));
    if (!bundle) return;
    const bytes = fromBase64(bundle.weights);
    const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    app.worker.send({ type: 'load', manifest: bundle.manifest, weights }, [weights]);
  };

  const toggleRecording = async () => {
    const r = unwrap(app.status.recording.on ? await api.stopRecording() : await api.startRecording());
    if (r) app.onStatus(r);
  };

  // Wire the controls.
  for (const b of document.querySelectorAll<HTMLButtonElement>('.segmented button')) b.addEventListener('click', () => showKind(b.dataset.kind as Kind));
  byId('source-form').addEventListener('submit', (e) => {
    e.preventDefault();
    connect();
  });
  byId('disconnect').addEventListener('click', () => void api.closeSource().then((r) => r.ok && app.onStatus(r.value)));
  byId('refresh-ports').addEventListener('click', () => void refreshPorts());
  byId('open-file').addEventListener('click', () => void openFile());
  byId('record').addEventListener('click', () => void toggleRecording());
  byId('export-csv').addEventListener('click', () => void exportCsv());
  byId('export-png').addEventListener('click', () => void exportPng());
  byId('train').addEventListener('click', () => app.train());
  byId('cancel-train').addEventListener('click', () => app.cancelTraining());
  byId('save-model').addEventListener('click', saveModel);
  byId('load-model').addEventListener('click', () => void loadModel());
  byId('reset-zoom').addEventListener('click', () => app.chart.resetView());
  const numberSetting = (id: 'epochs') => {
    const input = byId<HTMLInputElement>(id);
    input.value = String(app.settings[id]);
    input.addEventListener('change', () => {
      const v = Math.round(Number(input.value));
      if (Number.isFinite(v) && v >= 1 && v <= 1000) void app.saveSettings({ [id]: v });
      else input.value = String(app.settings[id]);
    });
  };
  // The horizon in steps or in time ("10min"); the hint says both for the data in view.
  const horizon = byId<HTMLInputElement>('horizon');
  horizon.value = String(app.settings.horizon);
  horizon.addEventListener('change', () => {
    const r = horizonSteps(horizon.value, app.clockInterval());
    if ('steps' in r && r.steps <= 5000) {
      void app.saveSettings({ horizon: r.steps });
      horizon.value = String(r.steps);
    } else {
      toast({ code: 'bad-horizon', message: 'error' in r ? r.error : 'the horizon is at most 5,000 steps', hint: 'error' in r ? r.hint : 'forecast fewer steps' });
      horizon.value = String(app.settings.horizon);
    }
    app.showHorizon();
  });
  const windowSelect = byId<HTMLSelectElement>('window-points');
  if (![...windowSelect.options].some((o) => o.value === String(app.settings.windowPoints))) windowSelect.append(new Option(`${app.settings.windowPoints} points`, String(app.settings.windowPoints)));
  windowSelect.value = String(app.settings.windowPoints);
  windowSelect.addEventListener('change', () => {
    const points = Number(windowSelect.value);
    app.setWindowPoints(points);
    void app.saveSettings({ windowPoints: points });
  });
  numberSetting('epochs');
  const backend = byId<HTMLSelectElement>('backend');
  backend.value = app.settings.backend;
  backend.addEventListener('change', () => {
    const choice = backend.value as typeof app.settings.backend;
    void app.saveSettings({ backend: choice });
    toast('The backend takes effect when the page reloads.', 'info');
  });

  const actions: Record<MenuAction, () => void> = {
    'open-file': () => {
      showKind('file');
      void openFile();
    },
    demo: () => {
      showKind('demo');
      void open({ kind: 'demo' });
    },
    train: () => app.train(),
    'cancel-training': () => app.cancelTraining(),
    'toggle-recording': () => void toggleRecording(),
    'export-csv': () => void exportCsv(),
    'export-png': () => void exportPng(),
    'save-model': saveModel,
    'load-model': () => void loadModel(),
    'reset-zoom': () => app.chart.resetView(),
  };
  installShortcuts((a) => actions[a]());
  listShortcuts(byId('shortcut-list'));
  api.on('menu', (a) => actions[a]());
  showKind(kind);
  void refreshModels();
  return actions;
}

function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9 _.-]/g, '_').replace(/^[.\s]+/, '').slice(0, 64);
  return s || 'sensorcast';
}

/** t, actual, forecast, lower, upper, baseline (naive: the origin's value), residual. */
function forecastRows(app: App): [number, number | null, number | null, number | null, number | null, number | null, number | null][] {
  const table = app.store.table();
  const target = app.channels.current.target;
  const ch = table.channels.find((c) => c.name === target);
  const time = table.time;
  const n = ch?.values.length ?? 0;
  const dt = app.store.interval();
  const timeAt = (i: number) => (time ? time[i] : i);
  // Nearest sample to a time, within half an interval (live times jitter).
  const valueNear = (t: number): number | null => {
    if (!ch || n === 0) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    for (const i of [lo - 1, lo]) {
      if (i >= 0 && i < n && Math.abs(timeAt(i) - t) <= dt / 2 && Number.isFinite(ch.values[i])) return ch.values[i];
    }
    return null;
  };
  const rows: [number, number | null, number | null, number | null, number | null, number | null, number | null][] = [];
  const seen = new Set<number>();
  for (const s of [...app.segments, ...(app.latest ? [app.latest] : [])]) {
    if (seen.has(s.t)) continue;
    seen.add(s.t);
    const base = valueNear(s.t);
    for (let h = 0; h < s.mean.length; h++) {
      const t = s.t + (h + 1) * dt;
      const actual = valueNear(t);
      const f = s.mean[h];
      rows.push([t, actual, f, s.lower[h], s.upper[h], base, actual === null ? null : actual - f]);
    }
  }
  return rows;
}
