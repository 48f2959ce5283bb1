// Electron entry (`npm start`): registers the app:// protocol, builds the session (sources,
// recorder, models, settings) and its IPC, opens the hardened window on the demo source, and
// installs the app menu. Everything here is plain wiring; each piece is tested on its own.
import { join } from 'node:path';

import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';

import type { MenuAction } from '../shared/api/contract';
import { errorMessage } from '../shared/errors';
import { createLogger } from '../shared/logger';

import { installCrashGuard } from './crash-guard';
import { openDialogFilters } from './files/dialog-filters';
import { registerIpc, sendEvent } from './ipc/register-ipc';
import { createSession, type Session } from './session/create-session';
import { defaultDeps } from './session/default-deps';
import { createMainWindow } from './window/create-window';
import { isAllowedExternalUrl } from './window/external-links';
import { installMenu } from './window/menu';
import { showOsNotification } from './window/os-notification';
import { handleAppProtocol, registerAppScheme } from './window/protocol';
import { hardenSession } from './window/security';

const log = createLogger('app');

// Must happen before `ready`.
registerAppScheme();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let current: Session | null = null;

// Why: an error nothing caught, or a crashed page, must not stop the sources or the recording
// (FAULTS 25); the user is told in the page (or a box while there is none), and a crashed page reloads.
installCrashGuard({
  process,
  app,
  window: () => mainWindow,
  notify: (envelope) => {
    if (mainWindow) sendEvent(mainWindow.webContents, envelope);
  },
  showErrorBox: (title, content) => dialog.showErrorBox(title, content),
});

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  handleAppProtocol(join(__dirname, '../renderer'));

  const dataDir = app.getPath('userData');
  const sessionDeps = defaultDeps();
  current = await createSession({
    mode: 'electron',
    dataDir,
    deps: sessionDeps,
    allowedRoots: [join(dataDir, 'recordings')],
    dialogs: {
      openFile: async (kind) => {
        const r = await dialog.showOpenDialog({ properties: ['openFile'], filters: openDialogFilters(kind) });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      saveFile: async (suggestedName, extension) => {
        const r = await dialog.showSaveDialog({ defaultPath: `${suggestedName}.${extension}`, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
        return r.canceled ? null : (r.filePath ?? null);
      },
    },
    openExternal: async (url) => {
      // Why: only https links to the allowlisted hosts leave the app.
      if (!isAllowedExternalUrl(url)) return false;
      await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (checked against the allowlist just above)
      return true;
    },
    showItemInFolder: (path) => shell.showItemInFolder(path),
    notify: (title, body) =>
      showOsNotification(title, body, () => {
        if (mainWindow?.isMinimized()) mainWindow.restore();
        mainWindow?.show();
        mainWindow?.focus();
      }),
  });
  registerIpc(ipcMain, current.handlers);

  const open = () => {
    mainWindow = createMainWindow({ preload: join(__dirname, '../preload/index.cjs') });
    mainWindow.on('closed', () => (mainWindow = null));
  };
  current.onEvent((envelope) => {
    if (mainWindow) sendEvent(mainWindow.webContents, envelope);
  });
  installMenu((action: MenuAction) => {
    if (mainWindow) sendEvent(mainWindow.webContents, { event: 'menu', payload: action });
  });
  open();
  // The page asks for the saved source (the demo on first start) once it has loaded.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => {
  void current?.dispose();
});

start().catch((err: unknown) => {
  log.error('could not start', err);
  dialog.showErrorBox('sensorcast could not start', errorMessage(err));
  app.quit();
});
