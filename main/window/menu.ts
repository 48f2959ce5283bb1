// The standard app menu (File, Edit, View, Model, Window, Help) with the page's shortcuts as
// accelerators; app actions are sent to the page as `menu` events. Callers: main/index.ts.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

import type { MenuAction } from '../../shared/api/contract';

import { isAllowedExternalUrl } from './external-links';

export const HELP_URL = 'https://github.com/sensorcast/sensorcast#readme';

export function buildMenuTemplate(send: (action: MenuAction) => void, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({ label, click: () => send(action), ...(accelerator ? { accelerator } : {}) });
  // Shown in the menu but left to the page, so typing 0 or Esc in a field still works.
  const pageKey = (label: string, action: MenuAction, accelerator: string): MenuItemConstructorOptions => ({ ...item(label, action, accelerator), registerAccelerator: false });
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        item('Open CSV…', 'open-file', 'CmdOrCtrl+O'),
        item('Demo source', 'demo', 'CmdOrCtrl+D'),
        { type: 'separator' },
        item('Start/Stop Recording', 'toggle-recording', 'CmdOrCtrl+Shift+R'),
        item('Export Forecasts (CSV)…', 'export-csv', 'CmdOrCtrl+Shift+E'),
        item('Save Chart (PNG)…', 'export-png', 'CmdOrCtrl+Shift+P'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [pageKey('Reset Chart View', 'reset-zoom', '0'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, { role: 'toggleDevTools' }],
    },
    {
      label: 'Model',
      submenu: [item('Train', 'train', 'CmdOrCtrl+Enter'), pageKey('Cancel Training', 'cancel-training', 'Escape'), { type: 'separator' }, item('Save Model', 'save-model', 'CmdOrCtrl+S'), item('Load Model', 'load-model', 'CmdOrCtrl+Shift+L')],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'sensorcast on GitHub',
          click: () => {
            if (isAllowedExternalUrl(HELP_URL)) void shell.openExternal(HELP_URL); // eng-disable OPEN_EXTERNAL_JS_CHECK (a constant, allowlisted)
          },
        },
      ],
    },
  );
  return template;
}

export function installMenu(send: (action: MenuAction) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send)));
}
