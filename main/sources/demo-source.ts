// Live source: the demo, the embedded default. A real series shipped with the app
// (resources/demo/nottem.csv: monthly air temperature at Nottingham Castle, 1920-1939, from R's
// datasets) replayed as a live sensor, looping, so `npm start` shows something real with no
// hardware attached. Created by createSource() for `{ kind: 'demo' }`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ReplaySource } from './replay-source';

export const DEMO_FILE_NAME = 'nottem.csv';

/** Where the demo file is: the packaged app's resources, else the repository's resources/demo. */
export function resolveDemoFile(): string {
  const candidates: string[] = [];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) candidates.push(join(resources, 'demo', DEMO_FILE_NAME));
  // main/sources (tests), out/main (Electron) and out/cli (the CLI) are all two levels below the root.
  if (typeof __dirname !== 'undefined') candidates.push(join(__dirname, '..', '..', 'resources', 'demo', DEMO_FILE_NAME));
  candidates.push(join(process.cwd(), 'resources', 'demo', DEMO_FILE_NAME));
  return candidates.find((p) => existsSync(p)) ?? candidates[candidates.length - 1];
}

export interface DemoOptions {
  /** The file to loop. Default: resolveDemoFile(). */
  path?: string;
  /** Rows per second. Default `5` (one simulated year every 2.4 s). */
  rowsPerSecond?: number;
}

export function createDemoSource(options: DemoOptions = {}): ReplaySource {
  return new ReplaySource({
    path: options.path ?? resolveDemoFile(),
    rowsPerSecond: options.rowsPerSecond ?? 5,
    loop: true,
    label: 'demo',
    kind: 'demo',
  });
}
