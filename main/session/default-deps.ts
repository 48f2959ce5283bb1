// The real data-in pieces for a session: serial/replay/demo sources, the CSV importer and the
// recorder. Callers: main/index.ts (Electron), main/cli/commands/serve.ts, the page tests.
import { join } from 'node:path';

import { SerialPort } from 'serialport';

import type { PortInfo } from '../../shared/api/contract';
import { describe, importCsv } from '../files/csv-importer';
import { Recorder } from '../recorder/recorder';
import { createSource, type CreateSourceOptions } from '../sources/create-source';

import type { SessionDeps } from './create-session';

export interface DefaultDepsOptions {
  /** Demo rows per second. Default: the demo's own (5). */
  demoRate?: number;
  /** Passed to every source (tests shorten the serial watchdog). Default: none. */
  sourceOptions?: CreateSourceOptions;
}

function clean(p: { path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }): PortInfo {
  const out: PortInfo = { path: p.path };
  if (p.manufacturer) out.manufacturer = p.manufacturer;
  if (p.serialNumber) out.serialNumber = p.serialNumber;
  if (p.vendorId) out.vendorId = p.vendorId;
  if (p.productId) out.productId = p.productId;
  return out;
}

export function defaultDeps(options: DefaultDepsOptions = {}): SessionDeps {
  const sourceOptions: CreateSourceOptions = { ...options.sourceOptions };
  if (options.demoRate !== undefined) sourceOptions.demo = { ...sourceOptions.demo, rowsPerSecond: options.demoRate };
  return {
    createSource: (spec) => createSource(spec, sourceOptions),
    listPorts: async () => (await SerialPort.list()).map(clean),
    importCsv: (path) => importCsv(path),
    describeReport: describe,
    createRecorder: (dir) => new Recorder({ path: join(dir, `recording-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`) }),
  };
}
