// Starts `sensorcast serve` (the real CLI, browser mode) on a free port with a fresh data folder,
// and returns the URL it prints. Callers: the page tests and scripts/bench/page.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Everything the server printed (for failure messages). */
  output(): string;
}

export interface ServeOptions {
  /** Pass --software-webgl (test builds: tfjs may use SwiftShader WebGL). Default false. */
  softwareWebgl?: boolean;
  /** Demo rows per second. Default 20. */
  demoRate?: number;
  /** Settings written before the start (settings.json in the data folder). Default none. */
  settings?: Record<string, unknown>;
}

export async function serve(options: ServeOptions = {}): Promise<Served> {
  if (!existsSync('out/renderer/index.html')) throw new Error('out/renderer is not built: run `npx electron-vite build` (npm test does it) before the page tests');
  const dataDir = mkdtempSync(join(tmpdir(), 'sensorcast-page-'));
  if (options.settings) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(options.settings));
  }
  // The page tests feed a socat pty, which a serial source accepts only when told.
  const args = ['bin/sensorcast.js', 'serve', '--allow-pty', '--port', '0', '--data-dir', dataDir, '--demo-rate', String(options.demoRate ?? 20)];
  if (options.softwareWebgl) args.push('--software-webgl');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  let stopping = false;
  // A server that dies during a test takes every later step of it down: say why, once, where CI shows it.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[serve] the server exited (${code ?? signal}) during the test; its last output:\n${out.slice(-4000)}\n`);
  });
  return {
    url,
    dataDir,
    output: () => out,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
