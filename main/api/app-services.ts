// The main-process services behind the app API: one handler per command, shared by Electron
// (main/ipc) and browser mode (main/server). Handlers receive payloads already narrowed by the
// contract's schemas (dispatch.ts) and return expected failures as values.
// Caller: main/session/create-session.ts.
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

import { fail, ok, type CommandHandlers, type FileKind, type PortInfo } from '../../shared/api/contract';
import { encodeTable } from '../../shared/api/wire';
import { toFailure } from '../../shared/errors';
import { createLogger } from '../../shared/logger';
import type { SeriesTable } from '../../shared/table';
import type { ImportReport } from '../files/csv-importer';
import { fileDialect } from '../files/dialect';
import { formatForecastCsv } from '../files/forecast-csv';
import type { SessionHub } from '../session/session-hub';
import type { ModelStore } from '../storage/model-store';
import type { SettingsStore } from '../storage/settings-store';
import { UploadStore } from '../storage/uploads';

import { importError } from './import-option-names';

const log = createLogger('services');

/** Native dialogs (Electron); browser mode has none. */
export interface Dialogs {
  /** Returns the chosen file, or null when cancelled; the dialog offers files of `kind` first. */
  openFile(kind: FileKind): Promise<string | null>;
  /** Returns where to save, or null when cancelled. */
  saveFile(suggestedName: string, extension: 'csv' | 'png'): Promise<string | null>;
}

export interface AppServicesOptions {
  mode: 'electron' | 'browser';
  hub: SessionHub;
  models: ModelStore;
  settings: SettingsStore;
  /** Lists serial ports (main/sources). */
  listPorts: () => Promise<PortInfo[]>;
  /** Imports a CSV/TSV file (main/files/csv-importer). */
  importCsv: (path: string) => Promise<{ table: SeriesTable; report: ImportReport }>;
  /** Turns an import report into lines worth showing. */
  describeReport: (report: ImportReport) => string[];
  /** Folder for uploaded files while they are imported. Required. */
  uploadDir: string;
  /**
   * Folders whose files the page may import or replay by path. Electron also allows any file the
   * user picked in the open dialog. Default: none (browser mode then imports uploads only).
   */
  allowedRoots?: string[];
  /** Native dialogs; null in browser mode. Default null. */
  dialogs?: Dialogs | null;
  /** Opens an allowlisted https link; null where there is no system browser to hand it to. Default null. */
  openExternal?: ((url: string) => Promise<boolean>) | null;
  /** Shows a file in the system's file manager (Electron: shell.showItemInFolder). Default null: browser mode. */
  showItemInFolder?: ((path: string) => void) | null;
  /** Shows an OS notification (Electron, main/notify); false where it cannot. Default null: browser mode, the page's banner only. */
  notify?: ((title: string, body: string) => boolean) | null;
  /** Test builds only: tell the page it may run tfjs WebGL on a software rasterizer. Default false. */
  softwareWebgl?: boolean;
}

export function createAppServices(options: AppServicesOptions): CommandHandlers {
  const { hub, models, settings } = options;
  const dialogs = options.dialogs ?? null;
  const roots = (options.allowedRoots ?? []).map((r) => resolve(r));
  const picked = new Set<string>();
  const uploads = new UploadStore({ dir: options.uploadDir });

  /** Why: the page may only name files the user picked or files inside an allowed folder. */
  const pathAllowed = (path: string): boolean => {
    const full = resolve(path);
    if (picked.has(full)) return true;
    return roots.some((root) => {
      const rel = relative(root, full);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    });
  };

  const importPath = async (path: string, name: string) => {
    try {
      const { table, report } = await options.importCsv(path);
      const rows = table.channels[0]?.values.length ?? table.time?.length ?? 0;
      return ok({ name, table: encodeTable(table), notes: options.describeReport(report).slice(0, 200), rows, dialect: await fileDialect(report) });
    } catch (err) {
      return { ok: false as const, error: importError(err, 'BAD_FILE') };
    }
  };

  return {
    getState: async () => ok({ status: hub.status(), history: hub.history(20_000), settings: settings.get(), mode: options.mode, softwareWebgl: options.softwareWebgl ?? false }),

    getHistory: async () => ok(hub.history()),

    listPorts: async () => {
      try {
        return ok(await options.listPorts());
      } catch (err) {
        return toFailure(err, 'OPEN_FAILED');
      }
    },

    openSource: async (spec) => {
      if (spec.kind === 'replay' && !pathAllowed(spec.path)) {
        return fail('forbidden', `Not allowed to read ${spec.path}.`, options.mode === 'browser' ? 'In browser mode, replay files from the data folder the server was started with.' : 'Pick the file with Open file.');
      }
      // Why: a CA file is read like a replay file, so the same folder rule applies.
      if (spec.kind === 'mqtt' && spec.tls?.caPath !== undefined && !pathAllowed(spec.tls.caPath)) {
        return fail('forbidden', `Not allowed to read ${spec.tls.caPath}.`, options.mode === 'browser' ? 'In browser mode, put the CA file in the data folder the server was started with.' : 'Pick the CA file with Browse….');
      }
      const result = await hub.open(spec);
      // The source is open whether or not it is remembered; a failed save is logged by the store.
      // Why no password: the settings file is plain text; the page asks for it again.
      const remembered = spec.kind === 'mqtt' ? { ...spec, password: undefined } : spec;
      if (result.ok) await settings.update({ source: remembered }).catch(() => undefined);
      return result;
    },

    closeSource: async () => ok(await hub.close()),

    chooseFile: async ({ kind }) => {
      if (!dialogs) return fail('unsupported', 'There is no file dialog in browser mode.', 'Drop the file on the page instead.');
      const path = await dialogs.openFile(kind);
      if (path) picked.add(resolve(path));
      return ok({ path });
    },

    importFile: async ({ path }) => {
      if (!pathAllowed(path)) {
        return fail('forbidden', `Not allowed to read ${path}.`, options.mode === 'browser' ? 'Drop the file on the page, or put it in the data folder the server was started with.' : 'Pick the file with Open file.');
      }
      return importPath(path, path.split(/[\\/]/).pop() ?? path);
    },

    uploadStart: ({ name, bytes }) => uploads.start(name, bytes),
    uploadChunk: ({ uploadId, offset, data }) => uploads.chunk(uploadId, offset, data),
    uploadFinish: ({ uploadId }) => uploads.finish(uploadId, importPath),
    uploadCancel: async ({ uploadId }) => ok({ cancelled: await uploads.cancel(uploadId) }),

    startRecording: async () => hub.startRecording(),
    stopRecording: async () => hub.stopRecording(),
    showRecording: async () => {
      const path = hub.status().recording.path;
      if (!path) return fail('no-recording', 'Nothing has been recorded yet.', 'Press Record first.');
      if (!options.showItemInFolder) return fail('unsupported', 'Browser mode downloads the recording instead.');
      options.showItemInFolder(path); // the recorder's own path, never one from the page
      return ok({ shown: true });
    },

    saveModel: async ({ overwrite, ...bundle }) => {
      try {
        return await models.save(bundle, { overwrite });
      } catch (err) {
        return toFailure(err, 'save-failed');
      }
    },
    loadModel: async ({ name }) => models.load(name),
    listModels: async () => ok(await models.list()),

    exportForecasts: async ({ suggestedName, channel, rows, dialect }) => {
      const csv = formatForecastCsv(channel, rows, dialect);
      if (!dialogs) return ok({ path: null, csv });
      const path = await dialogs.saveFile(suggestedName, 'csv');
      if (!path) return ok({ path: null, csv: null });
      try {
        await writeFile(path, csv, 'utf8');
      } catch (err) {
        return toFailure(err, 'save-failed');
      }
      return ok({ path, csv: null });
    },

    savePng: async ({ suggestedName, dataUrl }) => {
      if (!dialogs) return fail('unsupported', 'Browser mode saves the PNG from the page.');
      const path = await dialogs.saveFile(suggestedName, 'png');
      if (!path) return ok({ path: null });
      try {
        await writeFile(path, Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
      } catch (err) {
        return toFailure(err, 'save-failed');
      }
      return ok({ path });
    },

    getSettings: async () => ok(settings.get()),
    setSettings: async (patch) => {
      try {
        return ok(await settings.update(patch));
      } catch (err) {
        return toFailure(err, 'SETTINGS_NOT_SAVED');
      }
    },

    monitorWatch: async ({ viewer, open }) => ok(hub.monitor.watch(viewer, open)),
    sendLine: async (params) => hub.monitor.send(params),

    notify: async ({ title, body }) => ok({ shown: options.notify ? options.notify(title, body) : false }),

    openExternal: async ({ url }) => {
      if (!options.openExternal) return fail('unsupported', 'Links open in your browser directly in browser mode.');
      const opened = await options.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (not shell: main/index.ts checks the allowlist)
      if (!opened) log.warn(`refused to open ${url}`);
      return opened ? ok({ opened }) : fail('forbidden', `Not an allowed link: ${url}`);
    },
  };
}
