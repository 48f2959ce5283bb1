// The app window: sandboxed, context-isolated, no Node in the page, loaded from app:// only.
// Callers: main/index.ts.
import { BrowserWindow, nativeTheme } from 'electron';

import { PRODUCT_NAME } from '../../shared/version';

import { APP_URL } from './protocol';
import { hardenWebContents } from './security';

export interface WindowOptions {
  /** The bundled preload (out/preload/index.cjs). Required. */
  preload: string;
  /** Window icon (Linux/Windows). Default: none. */
  icon?: string;
}

/** The webPreferences every sensorcast window gets (exported so tests can check each one). */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    // Why: the page must reach main only through the typed API the preload exposes.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1420' : '#f4f6f9',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preload),
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
