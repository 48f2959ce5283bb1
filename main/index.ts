// Electron entry: creates the window. The app issue fills in the services and IPC.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

import { PRODUCT_NAME } from '../shared/version';

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: PRODUCT_NAME,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  void win.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
