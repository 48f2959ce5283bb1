// Packaging, offline: electron-builder.yml passes electron-builder's own schema, and a `--dir`
// build against a stand-in Electron folder yields an app.asar with the built main, preload and
// page, and serialport's native binding unpacked beside it. Needs `npm run build` first
// (`npm test` does that).
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { listPackage } from '@electron/asar';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';

const run = promisify(execFile);
const config = parseYaml(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be rejected by the validator if it held an unknown option', async () => {
    await expect(validateConfiguration({ ...config, noSuchOption: true } as never, new DebugLogger(false))).rejects.toThrow(/noSuchOption/);
  });

  it('targets Windows (nsis, portable), macOS (dmg x64 + arm64) and Linux (AppImage, deb) without rebuilding natives', () => {
    expect(config).toMatchObject({
      npmRebuild: false,
      win: { target: ['nsis', 'portable'] },
      mac: { target: [{ target: 'dmg', arch: ['x64', 'arm64'] }] },
      linux: { target: ['AppImage', 'deb'] },
    });
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(existsSync('build/icon.png')).toBe(true);
  });
});

describe('a --dir build with a stand-in Electron', () => {
  let work: string;
  let resources: string;

  beforeAll(async () => {
    expect(existsSync('out/main/index.js'), 'run `npm run build` first').toBe(true);
    work = mkdtempSync(join(tmpdir(), 'sensorcast-pack-'));
    // The stand-in: an executable named `electron` and an empty resources folder, which is all
    // electron-builder copies from a custom electronDist.
    const dist = join(work, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho stand-in electron\n');
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'version'), electronVersion);
    await run(
      process.execPath,
      [
        'node_modules/electron-builder/cli.js',
        '--linux', 'dir',
        '--config', 'electron-builder.yml',
        `-c.electronDist=${dist}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${join(work, 'dist')}`,
      ],
      { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, maxBuffer: 1 << 24 },
    );
    resources = join(work, 'dist', 'linux-unpacked', 'resources');
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built main, preload and page, with tfjs wasm files, in app.asar', () => {
    const files = listPackage(join(resources, 'app.asar'), { isPack: false });
    expect(files).toEqual(expect.arrayContaining([
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/renderer/wasm/tfjs-backend-wasm.wasm',
      '/out/renderer/wasm/tfjs-backend-wasm-simd.wasm',
    ]));
    expect(files.some((f) => f.startsWith('/node_modules/serialport/'))).toBe(true);
    // Bundled into the page: not shipped twice.
    expect(files.some((f) => f.startsWith('/node_modules/@tensorflow/'))).toBe(false);
  });

  it("unpacks serialport's native binding from asar", () => {
    const prebuilds = join(resources, 'app.asar.unpacked', 'node_modules', '@serialport', 'bindings-cpp', 'prebuilds');
    expect(readdirSync(join(prebuilds, 'linux-x64')).some((f) => f.endsWith('.node'))).toBe(true);
    expect(existsSync(join(prebuilds, 'win32-x64'))).toBe(true);
    expect(existsSync(join(prebuilds, 'darwin-x64+arm64'))).toBe(true);
  });

  it('ships the demo series as a resource outside the archive', () => {
    expect(readdirSync(join(resources, 'demo')).some((f) => f.endsWith('.csv'))).toBe(true);
  });
});
