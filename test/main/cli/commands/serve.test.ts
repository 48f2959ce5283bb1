// `sensorcast serve` as a user runs it: the printed URL works (token), the default bind is
// 127.0.0.1, and expected failures are one clear line plus a hint, never a stack trace.
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-serve-'));
  root = join(dir, 'page');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>sensorcast</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serveArgs = (...extra: string[]) => ['bin/sensorcast.js', 'serve', '--data-dir', join(dir, 'data'), '--root', root, ...extra];

describe('sensorcast serve', () => {
  it('prints a 127.0.0.1 URL with a token that serves the page, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, serveArgs('--port', '0'), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const err = (await run(process.execPath, serveArgs('--port', String(port))).catch((e: unknown) => e)) as { code: number; stderr: string };
    blocker.close();
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use\\n  hint: pick another with --port`));
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a page that is not built, and a bad port', async () => {
    const notBuilt = (await run(process.execPath, ['bin/sensorcast.js', 'serve', '--root', join(dir, 'nowhere')]).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(notBuilt.code).toBe(2);
    expect(notBuilt.stderr).toContain('the page is not built');
    expect(notBuilt.stderr).toContain('npx electron-vite build');
    const badPort = (await run(process.execPath, serveArgs('--port', 'eighty')).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('bad --port eighty');
  });
});
