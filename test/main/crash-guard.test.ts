// The main process's last line of defence (FAULTS 25), with the mocked Electron and a real session
// (the demo source and the recorder writing to a temporary folder): an error nothing caught and a
// crashed page are logged and shown, and the live data and the recording go on.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { app, BrowserWindow } from 'electron';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { installCrashGuard, type CrashGuardOptions } from '../../main/crash-guard';
import { sendEvent } from '../../main/ipc/register-ipc';
import { createSession, type Session } from '../../main/session/create-session';
import { defaultDeps } from '../../main/session/default-deps';
import { EVENT_CHANNEL, type EventEnvelope } from '../../shared/api/contract';
import { setLogSink } from '../../shared/logger';
import type { FakeBrowserWindow } from '../setup/electron-fake';

let dir: string;
let session: Session;
const logged: { level: string; namespace: string; message: string; detail: unknown }[] = [];
let uninstall: (() => void) | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-crash-'));
  session = await createSession({ mode: 'electron', dataDir: dir, deps: defaultDeps({ demoRate: 200 }) });
  expect((await session.handlers.openSource({ kind: 'demo' })).ok).toBe(true);
  const rec = await session.handlers.startRecording(undefined);
  if (!rec.ok || !rec.value.recording.on) throw new Error(`recording did not start: ${JSON.stringify(rec)}`);
  setLogSink((level, namespace, message, detail) => logged.push({ level, namespace, message, detail }));
});

afterEach(() => {
  uninstall?.();
  uninstall = null;
  logged.length = 0;
  vi.restoreAllMocks();
});

afterAll(async () => {
  setLogSink(null);
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes in the recordings folder (the recorder moves to a new file when the channels change). */
function recorded(): number {
  const folder = join(dir, 'recordings');
  return readdirSync(folder).reduce((n, f) => n + statSync(join(folder, f)).size, 0);
}

/** What the user keeps getting after the fault: samples arriving, the recording growing. */
async function liveAndRecording(): Promise<void> {
  const samples: number[] = [];
  const off = session.onEvent((e) => {
    if (e.event === 'samples') samples.push((e.payload as { t: number[] }).t.length);
  });
  const before = recorded();
  await new Promise((r) => setTimeout(r, 1200));
  off();
  const status = session.hub.status();
  expect(status.state).toBe('connected');
  expect(status.recording.on).toBe(true);
  expect(samples.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  // The recorder syncs every half second: the file has grown since the fault.
  expect(recorded()).toBeGreaterThan(before);
}

function guard(overrides: Partial<CrashGuardOptions> = {}) {
  const proc = new EventEmitter();
  const win = new BrowserWindow({}) as unknown as FakeBrowserWindow;
  const boxes: string[] = [];
  const reload = vi.spyOn(win, 'reload');
  const quit = vi.spyOn(app, 'quit');
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  // The real process gets the same listeners in main/index.ts; a private emitter keeps vitest's own.
  uninstall = installCrashGuard({
    process: proc,
    app,
    window: () => win as never,
    notify: (envelope) => sendEvent(win.webContents as never, envelope),
    showErrorBox: (title, content) => boxes.push(`${title}: ${content}`),
    ...overrides,
  });
  const notices = () => win.webContents.sent.filter((s) => s.channel === EVENT_CHANNEL).map((s) => (s.args[0] as EventEnvelope<'error'>).payload);
  return { proc, win, boxes, reload, quit, exit, notices };
}

describe('the main process after an error nothing caught (FAULTS 25)', () => {
  it('logs an uncaught exception and an unhandled rejection, tells the page once each, and the demo and the recording go on', async () => {
    const g = guard();
    g.proc.emit('uncaughtException', new Error('boom in a timer'));
    g.proc.emit('unhandledRejection', new Error('a write nobody awaited'));
    g.proc.emit('uncaughtException', new Error('boom in a timer'));
    const errors = logged.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.message)).toEqual(['uncaught exception', 'unhandled rejection', 'uncaught exception']);
    expect((errors[0].detail as Error).message).toBe('boom in a timer');
    // Shown in the page as an error event (a toast); the same message again is not repeated.
    expect(g.notices()).toEqual([
      { code: 'internal', message: 'sensorcast hit an internal error: boom in a timer', hint: expect.stringContaining('Live data and recording go on') },
      { code: 'internal', message: 'sensorcast hit an internal error: a write nobody awaited', hint: expect.stringContaining('Live data and recording go on') },
    ]);
    expect(g.boxes).toEqual([]);
    expect(g.quit).not.toHaveBeenCalled();
    expect(g.exit).not.toHaveBeenCalled();
    await liveAndRecording();
  });

  it('shows one error box when there is no page to tell', () => {
    const g = guard({ window: () => null });
    g.proc.emit('uncaughtException', new Error('first'));
    g.proc.emit('unhandledRejection', 'second, not even an Error');
    expect(g.boxes).toHaveLength(1);
    expect(g.boxes[0]).toContain('first');
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(2);
    expect(g.quit).not.toHaveBeenCalled();
  });
});

describe('the main process after the page crashed (FAULTS 25)', () => {
  it('reloads a crashed page (not a clean exit or another page), stops after repeated crashes, and the demo and the recording go on', async () => {
    let t = 0;
    const g = guard({ now: () => t });
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'crashed', exitCode: 139 });
    expect(g.reload).toHaveBeenCalledTimes(1);
    expect(logged.some((l) => l.level === 'warn' && l.message.includes('crashed'))).toBe(true);
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'clean-exit', exitCode: 0 });
    app.emit('render-process-gone', {}, new EventEmitter(), { reason: 'crashed', exitCode: 139 });
    expect(g.reload).toHaveBeenCalledTimes(1);
    await liveAndRecording();
    // A page that crashes as it starts: reloaded up to 3 times a minute, then a box instead.
    t += 1000;
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'oom', exitCode: 1 });
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'oom', exitCode: 1 });
    expect(g.reload).toHaveBeenCalledTimes(3);
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'oom', exitCode: 1 });
    expect(g.reload).toHaveBeenCalledTimes(3);
    expect(g.boxes).toEqual([expect.stringContaining('keeps crashing')]);
    // A minute later it is reloaded again.
    t += 61_000;
    app.emit('render-process-gone', {}, g.win.webContents, { reason: 'crashed', exitCode: 139 });
    expect(g.reload).toHaveBeenCalledTimes(4);
    expect(g.quit).not.toHaveBeenCalled();
    await liveAndRecording();
  });
});
