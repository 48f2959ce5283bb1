// Test support: a pair of real pseudo-terminals joined by socat, standing in for a USB serial
// device. The app opens `devPath`; a simulator (arduino-sim.ts) writes to `simPath`.
// Reused by the serial source, CLI `record` and the app's end-to-end tests.
//
// API:
//   const pty = await startPtyPair();        // socat -d -d pty,raw,echo=0,link=DIR/dev pty,raw,echo=0,link=DIR/sim
//   pty.devPath, pty.simPath                 // stable symlinks (DIR is a fresh temp dir)
//   await pty.unplug()                       // kill -9 socat: the links vanish first, no `close` guaranteed
//   await pty.unplug('SIGTERM')              // polite stop: socat removes the links
//   await pty.replug()                       // a new socat at the same link paths (new /dev/pts nodes)
//   await pty.dispose()                      // kill socat, remove DIR
// Needs `socat` on PATH (installed by .ci/run).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { stopChild } from './stop-child';

export interface PtyPair {
  dir: string;
  devPath: string;
  simPath: string;
  /**
   * Kills socat (default SIGKILL, like a yanked cable: no `close` guaranteed). Its links are removed
   * first, as a yanked device's node vanishes. Why: a dangling link points at a /dev/pts number that
   * another test's socat may get next, and a simulator or source reopening the link would then talk
   * into that test's port (seen in CI: one test's sim lines in another's sketch fixture).
   */
  unplug(signal?: NodeJS.Signals): Promise<void>;
  /** Starts socat again at the same link paths. */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

async function waitFor(test: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function launch(devPath: string, simPath: string): Promise<ChildProcess> {
  // Links left by a killed socat would make socat fail to create them.
  for (const p of [devPath, simPath]) rmSync(p, { force: true });
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devPath}`, `pty,raw,echo=0,link=${simPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    waitFor(() => /starting data transfer loop/.test(stderr) && existsSync(devPath) && existsSync(simPath), 'socat ptys').then(
      () => resolve(child),
      (err: Error) => {
        child.kill('SIGKILL');
        reject(new Error(`${err.message}: ${stderr}`));
      },
    );
  });
}

// Whatever a failed or timed-out test leaves running is killed when the test process exits.
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of alive) c.kill('SIGKILL');
});

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-pty-'));
  const devPath = join(dir, 'dev');
  const simPath = join(dir, 'sim');
  let child: ChildProcess | null = await launch(devPath, simPath);
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    await stopChild(c, signal);
  };
  return {
    dir,
    devPath,
    simPath,
    async unplug(signal = 'SIGKILL') {
      if (signal === 'SIGKILL') for (const p of [devPath, simPath]) rmSync(p, { force: true });
      await kill(signal);
    },
    async replug() {
      for (const p of [devPath, simPath]) rmSync(p, { force: true });
      await kill('SIGKILL');
      child = await launch(devPath, simPath);
    },
    async dispose() {
      for (const p of [devPath, simPath]) rmSync(p, { force: true });
      await kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
