// The export buttons: the forecasts as CSV (each step next to what happened) and the chart as
// PNG; Electron asks where to save, browser mode downloads. Callers: main.ts, ui/menu.ts.
import type { App } from '../app';
import { exportRows } from '../session/forecast-rows';
import { byId, download, toast, unwrap } from './dom';
import { safeName } from './names';

export class ExportPanel {
  constructor(private readonly app: App) {
    byId('export-csv').addEventListener('click', () => void this.exportCsv());
    byId('export-png').addEventListener('click', () => void this.exportPng());
  }

  async exportCsv(): Promise<void> {
    const { app } = this;
    const { segments, latest } = app.session;
    const target = app.channels.current.target;
    if (!target || (segments.length === 0 && !latest)) return toast({ code: 'no-forecast', message: 'There are no forecasts to export yet.', hint: 'Train or load a model first.' });
    const rows = exportRows(app.store.table(), target, app.store.interval(), [...segments, ...(latest ? [latest] : [])]);
    const name = safeName(`${target}-forecast`);
    const r = unwrap(await app.api.exportForecasts({ suggestedName: name, channel: target, rows }));
    if (!r) return;
    if (r.csv !== null) download(`${name}.csv`, r.csv);
    else if (r.path) toast(`Saved ${r.path}`, 'info');
  }

  async exportPng(): Promise<void> {
    const { app } = this;
    const dataUrl = app.chart.toPng();
    const name = safeName(`${app.channels.current.target ?? 'chart'}-chart`);
    if (app.mode === 'browser') return download(`${name}.png`, dataUrl);
    const r = unwrap(await app.api.savePng({ suggestedName: name, dataUrl }));
    if (r?.path) toast(`Saved ${r.path}`, 'info');
  }
}
