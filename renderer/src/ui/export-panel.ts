// The export buttons: the forecasts as CSV (each step next to what happened), in the file's
// dialect or the standard one (export-dialect.ts), and the chart as PNG under a title
// (export-title.ts, export-png.ts); names from export-name.ts. Electron asks where to save,
// browser mode downloads. Callers: main.ts, ui/menu.ts.
import type { App } from '../app';
import { exportRows } from '../session/forecast-rows';
import { byId, download, toast, unwrap } from './dom';
import { chosenDialect } from './export-dialect';
import { exportFileName } from './export-name';
import { titledPng } from './export-png';
import { pngTitle, type PngTitleInput } from './export-title';

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
    const table = app.store.table();
    const rows = exportRows(table, target, app.store.interval(), [...segments, ...(latest ? [latest] : [])]);
    const name = exportFileName(target, 'forecast');
    const dialect = chosenDialect(app.fileDialect, table.time !== null);
    const r = unwrap(await app.api.exportForecasts({ suggestedName: name, channel: target, rows, dialect }));
    if (!r) return;
    if (r.csv !== null) download(`${name}.csv`, r.csv);
    else if (r.path) toast(`Saved ${r.path}`, 'info');
  }

  /** What the PNG's title says (see export-title.ts). */
  private titleInput(): PngTitleInput {
    const { app } = this;
    const channel = app.channels.current.target;
    const badge = byId('skill-badge');
    const model = app.model;
    return {
      channel,
      unit: channel ? app.store.unitsInView()[channel] : undefined,
      source: app.fileName ?? (app.status.sourceId !== null ? app.status.label : null),
      range: app.chart.xRange(),
      time: app.chart.timeAxisShown,
      intervalMs: app.store.interval(),
      model: model ? { method: model.method, horizon: model.horizon } : null,
      skill: badge.dataset.verdict && badge.dataset.verdict !== 'none' ? { value: byId('skill-value').textContent ?? '', label: byId('skill-label').textContent ?? '' } : null,
    };
  }

  async exportPng(): Promise<void> {
    const { app } = this;
    const dataUrl = titledPng(byId<HTMLCanvasElement>('chart'), pngTitle(this.titleInput()));
    const name = exportFileName(app.channels.current.target, 'chart');
    if (app.mode === 'browser') return download(`${name}.png`, dataUrl);
    const r = unwrap(await app.api.savePng({ suggestedName: name, dataUrl }));
    if (r?.path) toast(`Saved ${r.path}`, 'info');
  }
}
