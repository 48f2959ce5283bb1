// A recording fake of the parts of Electron that main/ uses (the binary cannot be installed here).
// Tests of the Electron glue inspect `electronFake.recorded` to see what the glue asked for.
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

/** What the glue asked Electron to do, for the tests to inspect. Cleared by resetElectronFake(). */
export const recorded = {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  rendererListeners: new Map<string, Handler[]>(),
  openedExternal: [] as string[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Handler>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  beforeRequest: null as Handler | null,
  headersReceived: null as Handler | null,
  menuTemplate: null as unknown,
  notifications: [] as FakeNotification[],
  /** What Notification.isSupported() answers (a Linux desktop without a notification daemon: false). */
  notificationsSupported: true,
};

export function resetElectronFake(): void {
  recorded.windows.length = 0;
  recorded.ipcHandlers.clear();
  recorded.exposed.clear();
  recorded.invoked.length = 0;
  recorded.rendererListeners.clear();
  recorded.openedExternal.length = 0;
  recorded.privilegedSchemes.length = 0;
  recorded.protocolHandlers.clear();
  recorded.permissionRequestHandler = null;
  recorded.permissionCheckHandler = null;
  recorded.beforeRequest = null;
  recorded.headersReceived = null;
  recorded.menuTemplate = null;
  recorded.notifications.length = 0;
  recorded.notificationsSupported = true;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  loadedUrl: string | null = null;
  destroyed = false;
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    this.webContents.loadedUrl = `file://${path}`;
    return Promise.resolve();
  }
  show(): void {}
  reload(): void {}
  static getAllWindows(): FakeBrowserWindow[] {
    return recorded.windows;
  }
}

export class FakeNotification extends EventEmitter {
  shown = false;
  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super();
    recorded.notifications.push(this);
  }
  show(): void {
    this.shown = true;
  }
  static isSupported(): boolean {
    return recorded.notificationsSupported;
  }
}

const fakeSession = {
  setPermissionRequestHandler: (h: Handler) => (recorded.permissionRequestHandler = h),
  setPermissionCheckHandler: (h: Handler) => (recorded.permissionCheckHandler = h),
  webRequest: {
    onBeforeRequest: (h: Handler) => (recorded.beforeRequest = h),
    onHeadersReceived: (h: Handler) => (recorded.headersReceived = h),
  },
};

export const electronFake = {
  app: Object.assign(new EventEmitter(), {
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
    enableSandbox: () => undefined,
    getPath: (_name: string) => '/tmp/sensorcast-test',
    getVersion: () => '0.0.0-test',
  }),
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  session: { defaultSession: fakeSession },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: Handler) => recorded.protocolHandlers.set(scheme, handler),
  },
  shell: {
    openExternal: (url: string) => {
      recorded.openedExternal.push(url);
      return Promise.resolve();
    },
  },
  nativeTheme: { shouldUseDarkColors: false },
  dialog: {
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true }),
    showErrorBox: () => undefined,
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: { template: unknown }) => (recorded.menuTemplate = menu.template),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) },
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      // Like Electron: a second handler for one channel is a bug.
      if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      recorded.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      recorded.invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, listener: Handler) => {
      const list = recorded.rendererListeners.get(channel) ?? [];
      list.push(listener);
      recorded.rendererListeners.set(channel, list);
    },
    removeListener: (channel: string, listener: Handler) => {
      const list = recorded.rendererListeners.get(channel) ?? [];
      recorded.rendererListeners.set(
        channel,
        list.filter((l) => l !== listener),
      );
    },
  },
};
