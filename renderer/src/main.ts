// Page entry: connects to the app API (Electron preload or browser-mode WebSocket), starts the
// forecasting worker, and builds the controller. Shows a clear message if the API is unreachable.
import './styles.css';

import { toAppError } from '../../shared/errors';

import { connectApi } from './api/connect';
import { App } from './app';
import { installCatchUp } from './live/catch-up';
import { installAlerts } from './ui/alert-panel';
import { BacktestPanel } from './ui/backtest-panel';
import { byId, toast } from './ui/dom';
import { ExportPanel } from './ui/export-panel';
import { installRecordingLink } from './ui/export-recording';
import { FilePanel } from './ui/file-panel';
import { installMenu } from './ui/menu';
import { installModelFiles } from './ui/model-file';
import { installMonitor } from './ui/monitor-panel';
import { installSettingsPanel } from './ui/settings-panel';
import { SourcePanel } from './ui/source-panel';
import { WorkerClient } from './worker/worker-client';

async function start(): Promise<void> {
  const connection = await connectApi();
  const state = await connection.api.getState();
  if (!state.ok) throw new Error(state.error.message);
  const { settings, status, history, mode, softwareWebgl } = state.value;
  // The token now lives in an HttpOnly cookie: keep it out of the address bar and history.
  if (location.search.includes('token=')) history_replace();
  byId('st-mode').textContent = mode === 'browser' ? `browser mode · ${location.host}` : '';
  const worker = new WorkerClient();
  worker.send({ type: 'init', backend: settings.backend, softwareWebgl });
  const app = new App(connection.api, worker, mode, { settings, status });
  app.session.softwareWebgl = softwareWebgl;
  (window as unknown as { sensorcastApp?: App }).sensorcastApp = app;
  app.onStatus(status);
  if (history.t.length && status.sourceId) {
    app.store.loadHistory(history);
    app.channels.setChannels(app.store.channels, { target: settings.target, covariates: settings.covariates });
  }
  const source = new SourcePanel(app);
  installMenu(app, { source, file: new FilePanel(app, source), exports: new ExportPanel(app) });
  installSettingsPanel(app);
  installCatchUp(app);
  installRecordingLink(app);
  installModelFiles(app);
  installMonitor(connection.api);
  installAlerts(app);
  (window as unknown as { sensorcastBacktest?: BacktestPanel }).sensorcastBacktest = new BacktestPanel(worker, app);
  connection.onClose(() => toast({ code: 'disconnected', message: 'The connection to sensorcast was lost.', hint: 'Check that `sensorcast serve` still runs, then reload the page.' }));
  // Default view on start: the source of last time, or the demo forecasting live.
  if (status.state === 'idle') {
    const r = await connection.api.openSource(settings.source);
    if (r.ok) app.onStatus(r.value);
    else {
      toast(r.error);
      if (settings.source.kind !== 'demo') {
        const demo = await connection.api.openSource({ kind: 'demo' });
        if (demo.ok) app.onStatus(demo.value);
      }
    }
  }
  document.body.dataset.ready = 'true';
}

function history_replace(): void {
  const url = new URL(location.href);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

start().catch((err: unknown) => {
  document.body.dataset.ready = 'error';
  toast({ ...toAppError(err, 'startup-failed'), hint: 'Open the URL that `sensorcast serve` printed, token included.' });
});
