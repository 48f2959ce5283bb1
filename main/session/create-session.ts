// Builds the whole main-process session for either front end: hub, settings, models and the
// command handlers, with the hub's events forwarded to whoever shows the page.
// Callers: main/index.ts (Electron) and main/cli/commands/serve.ts (browser mode).
import { join } from 'node:path';

import type { CommandHandlers, EventEnvelope, PortInfo, SourceSpec } from '../../shared/api/contract';
import type { SeriesTable } from '../../shared/table';
import { createAppServices, type Dialogs } from '../api/app-services';
import type { ImportReport } from '../files/csv-importer';
import type { Source } from '../sources/source';
import { ModelStore } from '../storage/model-store';
import { SettingsStore } from '../storage/settings-store';

import type { LiveRecorder } from './recording';
import { SessionHub } from './session-hub';

/** The data-in pieces the session plugs in (main/sources, main/files, main/recorder). */
export interface SessionDeps {
  createSource: (spec: SourceSpec) => Source;
  listPorts: () => Promise<PortInfo[]>;
  importCsv: (path: string) => Promise<{ table: SeriesTable; report: ImportReport }>;
  describeReport: (report: ImportReport) => string[];
  /** Makes a recorder writing under `dir`; omit where recording is not available. */
  createRecorder?: (dir: string) => LiveRecorder;
}

export interface SessionOptions {
  mode: 'electron' | 'browser';
  /** The user's data folder: settings.json, models/, recordings/, uploads/. Required. */
  dataDir: string;
  deps: SessionDeps;
  /** Folders the page may import or replay by path. Default: `<dataDir>/data`. */
  allowedRoots?: string[];
  dialogs?: Dialogs | null;
  openExternal?: ((url: string) => Promise<boolean>) | null;
  /** Shows a file in the file manager (Electron). Default null. */
  showItemInFolder?: ((path: string) => void) | null;
  /** OS notifications for the page's alerts (Electron). Default null. */
  notify?: ((title: string, body: string) => boolean) | null;
  /** Test builds only. Default false. */
  softwareWebgl?: boolean;
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
