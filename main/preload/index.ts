// Preload (sandboxed, bundled to out/preload/index.cjs): exposes exactly the typed app API to the
// page as `window.sensorcast`, one method per command; never ipcRenderer itself.
// Only `import type` from the contract: a sandboxed preload cannot load zod or any other module.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import type { AppApi, CommandName, EventEnvelope, EventName, EventPayload, Result } from '../../shared/api/contract';

/** Mirrors CHANNEL_PREFIX and EVENT_CHANNEL of the contract (test/main/ipc checks they agree). */
export const PRELOAD_CHANNEL_PREFIX = 'sensorcast:';
export const PRELOAD_EVENT_CHANNEL = 'sensorcast:event';

const invoke = <T>(name: CommandName, params?: unknown): Promise<Result<T>> => ipcRenderer.invoke(`${PRELOAD_CHANNEL_PREFIX}${name}`, params) as Promise<Result<T>>;

export const api: AppApi = {
  getState: () => invoke('getState'),
  getHistory: () => invoke('getHistory'),
  listPorts: () => invoke('listPorts'),
  openSource: (spec) => invoke('openSource', spec),
  closeSource: () => invoke('closeSource'),
  showRecording: () => invoke('showRecording'),
  chooseFile: (params) => invoke('chooseFile', params),
  importFile: (params) => invoke('importFile', params),
  uploadStart: (params) => invoke('uploadStart', params),
  uploadChunk: (params) => invoke('uploadChunk', params),
  uploadFinish: (params) => invoke('uploadFinish', params),
  uploadCancel: (params) => invoke('uploadCancel', params),
  startRecording: () => invoke('startRecording'),
  stopRecording: () => invoke('stopRecording'),
  saveModel: (bundle) => invoke('saveModel', bundle),
  loadModel: (params) => invoke('loadModel', params),
  listModels: () => invoke('listModels'),
  exportForecasts: (params) => invoke('exportForecasts', params),
  savePng: (params) => invoke('savePng', params),
  getSettings: () => invoke('getSettings'),
  setSettings: (patch) => invoke('setSettings', patch),
  monitorWatch: (params) => invoke('monitorWatch', params),
  sendLine: (params) => invoke('sendLine', params),
  notify: (params) => invoke('notify', params),
  openExternal: (params) => invoke('openExternal', params),
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    // The page gets the payload only, never the IpcRendererEvent (it carries `sender`).
    const wrapped = (_e: IpcRendererEvent, envelope: EventEnvelope) => {
      if (envelope && envelope.event === event) listener(envelope.payload as EventPayload<E>);
    };
    ipcRenderer.on(PRELOAD_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(PRELOAD_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('sensorcast', api);
