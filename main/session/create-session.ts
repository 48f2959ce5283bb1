// Builds the whole main-process session for either front end: hub, settings, models and the
// command handlers, with the hub's events forwarded to whoever shows the page.
// Callers: main/index.ts (Electron) and main/cli/commands/serve.ts (browser mode).
import { join } from 'node:path';

import type { CommandHandlers, EventEnvelope, SourceSpec } from '../../shared/api/contract';
import { createAppServices, type AppServicesOptions } from '../api/app-services';
import type { Source } from '../sources/source';
import { ModelStore } from '../storage/model-store';
import { SettingsStore } from '../storage/settings-store';

import type { LiveRecorder } from './recording';
import { SessionHub } from './session-hub';

/** The data-in pieces the session plugs in (main/sources, main/files, main/recorder): port listing and imports as the app services take them. */
export interface SessionDeps extends Pick<AppServicesOptions, 'listPorts' | 'importCsv' | 'describeReport'> {
  createSource: (spec: SourceSpec) => Source;
  /** Makes a recorder writing under `dir`; omit where recording is not available. */
  createRecorder?: (dir: string) => LiveRecorder;
}

/** The front end's part, passed on to the app services (main/api/app-services.ts, where each is documented). */
type FrontEndOptions = Pick<AppServicesOptions, 'mode' | 'dialogs' | 'openExternal' | 'showItemInFolder' | 'notify' | 'softwareWebgl'>;

export interface SessionOptions extends FrontEndOptions {
  /** The user's data folder: settings.json, models/, recordings/, uploads/. Required. */
  dataDir: string;
  deps: SessionDeps;
  /** Folders the page may import or replay by path. Default: `<dataDir>/data`. */
  allowedRoots?: string[];
  /** Passed to the hub. Default 33. */
  batchMs?: number;
}

export interface Session {
  hub: SessionHub;
  settings: SettingsStore;
  handlers: CommandHandlers;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  dispose(): Promise<void>;
}

export async function createSession(options: SessionOptions): Promise<Session> {
  const { deps, dataDir } = options;
  const recordingsDir = join(dataDir, 'recordings');
  const hub = new SessionHub({
    createSource: deps.createSource,
    createRecorder: deps.createRecorder ? () => deps.createRecorder!(recordingsDir) : null,
    batchMs: options.batchMs,
  });
  const settings = new SettingsStore(join(dataDir, 'settings.json'));
  await settings.load();
  const handlers = createAppServices({
    mode: options.mode,
    hub,
    models: new ModelStore(join(dataDir, 'models')),
    settings,
    listPorts: deps.listPorts,
    importCsv: deps.importCsv,
    describeReport: deps.describeReport,
    uploadDir: join(dataDir, 'uploads'),
    allowedRoots: options.allowedRoots ?? [join(dataDir, 'data')],
    dialogs: options.dialogs ?? null,
    openExternal: options.openExternal ?? null,
    showItemInFolder: options.showItemInFolder ?? null,
    notify: options.notify ?? null,
    softwareWebgl: options.softwareWebgl ?? false,
  });
  return {
    hub,
    settings,
    handlers,
    onEvent: (listener) => hub.onEvent(listener),
    dispose: () => hub.dispose(),
  };
}
