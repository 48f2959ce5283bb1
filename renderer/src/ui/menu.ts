// The menu and keyboard actions: one table from MenuAction to what each panel does, run by the
// Electron menu (event `menu`) and the page's shortcuts. Callers: main.ts.
import type { MenuAction } from '../../../shared/api/contract';

import type { App } from '../app';
import { byId } from './dom';
import type { ExportPanel } from './export-panel';
import type { FilePanel } from './file-panel';
import { installShortcuts, listShortcuts } from './shortcuts';
import type { SourcePanel } from './source-panel';

export interface MenuPanels {
  source: SourcePanel;
  file: FilePanel;
  exports: ExportPanel;
}

export function installMenu(app: App, panels: MenuPanels): Record<MenuAction, () => void> {
  const { source, file, exports } = panels;
  const model = app.modelPanel;
  byId('reset-zoom').addEventListener('click', () => app.chart.resetView());
  const actions: Record<MenuAction, () => void> = {
    'open-file': () => {
      source.showKind('file');
      void file.open();
    },
    demo: () => source.demo(),
    train: () => app.train(),
    'cancel-training': () => app.session.cancel(),
    'toggle-recording': () => void source.toggleRecording(),
    'export-csv': () => void exports.exportCsv(),
    'export-png': () => void exports.exportPng(),
    'save-model': () => model.saveModel(),
    'load-model': () => void model.loadModel(),
    'reset-zoom': () => app.chart.resetView(),
  };
  installShortcuts((a) => actions[a]());
  listShortcuts(byId('shortcut-list'));
  app.api.on('menu', (a) => actions[a]());
  return actions;
}
