// The real data-in pieces for a session: serial/replay/demo sources, the CSV importer and the
// recorder. Callers: main/index.ts (Electron), main/cli/commands/serve.ts, the page tests.
import { join } from 'node:path';

import { describe, importCsv } from '../files/csv-importer';
import { Recorder } from '../recorder/recorder';
import { createSource, type CreateSourceOptions } from '../sources/create-source';
import { listPorts } from '../sources/ports';

import type { SessionDeps } from './create-session';

export interface DefaultDepsOptions {
  /** Demo rows per second. Default: the demo's own (5). */
  demoRate?: number;
  /** Passed to every source (tests shorten the serial watchdog). Default: none. */
  sourceOptions?: CreateSourceOptions;
  /** Where the port picker looks for stable by-id links. Default `/dev/serial/by-id`. */
  byIdDir?: string;
}

export function defaultDeps(options: DefaultDepsOptions = {}): SessionDeps {
  const sourceOptions: CreateSourceOptions = { ...options.sourceOptions };
  if (options.demoRate !== undefined) sourceOptions.demo = { ...sourceOptions.demo, rowsPerSecond: options.demoRate };
  return {
    createSource: (spec) => createSource(spec, sourceOptions),
    listPorts: () => listPorts(options.byIdDir),
    importCsv: (path) => importCsv(path),
    describeReport: describe,
    createRecorder: (dir) => new Recorder({ path: join(dir, `recording-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`) }),
  };
}
