// `sensorcast serve [--port 8080] [--host 127.0.0.1]`: browser mode. Runs the same main-process
// services as the desktop app and serves the built page (out/renderer) with the app API over a
// WebSocket, behind a random token in the printed URL. Registered in commands/index.ts.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { Option, type Command } from 'commander';

import { createSession } from '../../session/create-session';
import { defaultDeps } from '../../session/default-deps';
import { startPageServer } from '../../server/http-server';
import { ModelStore } from '../../storage/model-store';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

/** The same folder Electron uses for userData, so both front ends share settings and models. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'sensorcast');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'sensorcast');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'sensorcast');
}

/** The built page: next to the CLI bundle (out/cli -> out/renderer), else under the working folder. */
export function defaultPageRoot(): string {
  const candidates = [join(__dirname, '..', 'renderer'), resolve('out', 'renderer')];
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? candidates[candidates.length - 1];
}

interface ServeFlags {
  port: string;
  host: string;
  dataDir?: string;
  root?: string;
  demoRate?: string;
  softwareWebgl?: boolean;
  allowPty?: boolean;
}

function fail(message: string, hint: string): void {
  process.stderr.write(`sensorcast serve: ${message}\n  hint: ${hint}\n`);
  failWith(2);
}

export async function serve(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`bad --port ${flags.port}`, 'use a number from 1 to 65535 (0 picks a free port)');
  const demoRate = flags.demoRate === undefined ? undefined : Number(flags.demoRate);
  if (demoRate !== undefined && !(demoRate > 0 && demoRate <= 100_000)) return fail(`bad --demo-rate ${flags.demoRate}`, 'use rows per second from 0.1 to 100000');
  const root = flags.root ? resolve(flags.root) : defaultPageRoot();
  if (!existsSync(join(root, 'index.html'))) return fail(`the page is not built (${join(root, 'index.html')} is missing)`, 'run `npx electron-vite build` (or `npm run build`) first');
  const dataDir = resolve(flags.dataDir ?? defaultDataDir());
  const session = await createSession({ mode: 'browser', dataDir, deps: defaultDeps({ demoRate, sourceOptions: { serial: { allowPty: flags.allowPty === true } } }), softwareWebgl: flags.softwareWebgl === true });
  let server;
  try {
    server = await startPageServer({ root, handlers: session.handlers, host: flags.host, port, downloads: { recordings: join(dataDir, 'recordings') }, models: new ModelStore(join(dataDir, 'models')) });
  } catch (err) {
    await session.dispose();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} on ${flags.host} is in use`, 'pick another with --port, or 0 for any free port');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return fail(`cannot bind to ${flags.host}`, 'use 127.0.0.1 (this machine only) or 0.0.0.0 (the whole network)');
    throw err;
  }
  session.onEvent((e) => server.broadcast(e));
  process.stdout.write(`sensorcast is serving the dashboard at\n  ${server.url}\n`);
  process.stdout.write(`data folder: ${dataDir}${flags.host === '127.0.0.1' ? '' : `\nlistening on ${flags.host}: anyone on the network with the URL (token included) can use it`}\nPress Ctrl+C to stop.\n`);
  const stop = async () => {
    await server.close();
    await session.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export const registerServe: CommandRegistrar = (program: Command) => {
  program
    .command('serve')
    .description('serve the dashboard to a browser (browser mode), with the same services as the desktop app')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <addr>', 'address to bind (0.0.0.0 to serve the network)', '127.0.0.1')
    .option('--data-dir <dir>', 'settings, models and recordings folder (default: the desktop app\'s)')
    .option('--root <dir>', 'the built page folder (default: out/renderer)')
    .option('--demo-rate <rows/s>', 'demo source speed in rows per second (default 5)')
    .addOption(new Option('--software-webgl', 'test builds: let tfjs use WebGL on a software rasterizer').hideHelp())
    .addOption(new Option('--allow-pty', 'tests: accept a pseudo-terminal (/dev/pts/N, e.g. from socat) as a serial port').hideHelp())
    .action((flags: ServeFlags) => serve(flags));
};
