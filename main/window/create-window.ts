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
    // Written out here (not built by a helper) so electronegativity's static checks can see it.
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK (reviewed: it exposes only the typed API via contextBridge)
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
      // Why: a middle click must not open links in a new window behind our handlers' back.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
