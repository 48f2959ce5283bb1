// After recording stops, the status keeps the file's path and `showRecording` shows that file in
// the file manager (Electron's shell.showItemInFolder, the one thing stubbed: no Electron binary
// here); browser mode answers `unsupported` (the page links to the download instead). Issue 13 item 5.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';

let dir: string;
let electron: Session;
let browser: Session;
const shown: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-show-recording-'));
  electron = await createSession({ mode: 'electron', dataDir: join(dir, 'e'), deps: defaultDeps({ demoRate: 200 }), showItemInFolder: (path) => shown.push(path) });
  browser = await createSession({ mode: 'browser', dataDir: join(dir, 'b'), deps: defaultDeps({ demoRate: 200 }) });
  await electron.handlers.openSource({ kind: 'demo' });
});

afterAll(async () => {
  await electron?.dispose();
  await browser?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('where the last recording went', () => {
  it('says nothing was recorded yet', async () => {
    const r = await electron.handlers.showRecording(undefined);
    expect(r.ok ? null : r.error.code).toBe('no-recording');
  });

  it('keeps the path after the recording stops and shows that file in its folder', async () => {
    const started = await electron.handlers.startRecording(undefined);
    const path = started.ok ? started.value.recording.path : null;
    expect(path).toMatch(/recordings[\\/].+\.csv$/);
    await new Promise((r) => setTimeout(r, 500));
    const stopped = await electron.handlers.stopRecording(undefined);
    expect(stopped.ok && stopped.value.recording).toMatchObject({ on: false, path });
    expect(existsSync(path!)).toBe(true);
    const r = await electron.handlers.showRecording(undefined);
    expect(r).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([path]);
  });

  it('browser mode links to the download instead', async () => {
    await browser.handlers.openSource({ kind: 'demo' });
    await browser.handlers.startRecording(undefined);
    await browser.handlers.stopRecording(undefined);
    const r = await browser.handlers.showRecording(undefined);
    expect(r.ok ? null : r.error.code).toBe('unsupported');
  });
});
