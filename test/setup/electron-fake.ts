// A recording fake of the parts of Electron that main/ uses. Extended by the app issue.
import { EventEmitter } from 'node:events';

export const electronFake = {
  app: Object.assign(new EventEmitter(), {
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
    getPath: (_name: string) => '/tmp/sensorcast-test',
    getVersion: () => '0.0.0-test',
  }),
  BrowserWindow: class {},
  contextBridge: { exposeInMainWorld: (_key: string, _api: unknown) => undefined },
  ipcMain: { handle: () => undefined },
  ipcRenderer: { invoke: () => Promise.resolve(undefined), on: () => undefined },
};
