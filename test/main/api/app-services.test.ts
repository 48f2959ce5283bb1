// The services behind the API, with the real sources, importer and recorder: batching, status,
// recording, files, models and settings, and expected failures as values with their codes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { ModelStore } from '../../../main/storage/model-store';
import { SettingsStore } from '../../../main/storage/settings-store';
import type { EventEnvelope, SampleBatchWire } from '../../../shared/api/contract';

let dir: string;
let session: Session;
const events: EventEnvelope[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-services-'));
  session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps({ demoRate: 300 }) });
  session.onEvent((e) => events.push(e));
});

afterAll(async () => {
  await session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const h = () => session.handlers;

describe('session hub', () => {
  it('sends the demo in batches on a timer, never one message per sample', async () => {
    events.length = 0;
    const opened = await h().openSource({ kind: 'demo' });
    expect(opened.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const batches = events.filter((e) => e.event === 'samples').map((e) => e.payload as SampleBatchWire);
    const samples = batches.reduce((n, b) => n + b.t.length, 0);
    expect(samples).toBeGreaterThan(200);
    // ~33 ms batches: far fewer messages than samples (at most ~30 per second plus channel changes).
    expect(batches.length).toBeLessThan(samples / 3);
    expect(batches[0].channels.length).toBeGreaterThan(0);
    const status = events.filter((e) => e.event === 'status').pop()!.payload as { state: string; samplesPerSecond: number; kind: string };
    expect(status.state).toBe('connected');
    expect(status.kind).toBe('demo');
    const state = await h().getState(undefined);
    expect(state.ok && state.value.history.t.length).toBeGreaterThan(200);
  });

  it('records the live samples to a CSV in the data folder, and stops', async () => {
    const started = await h().startRecording(undefined);
    expect(started.ok && started.value.recording.on).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    const stopped = await h().stopRecording(undefined);
    expect(stopped.ok && stopped.value.recording.on).toBe(false);
    const path = started.ok ? started.value.recording.path! : '';
    expect(path.startsWith(join(dir, 'recordings'))).toBe(true);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
  });

  it('reports a missing serial port as a value with its code and hint', async () => {
    const r = await h().openSource({ kind: 'serial', path: '/dev/ttyNOPE-sensorcast', baudRate: 9600 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NO_SUCH_PORT');
      expect(r.error.hint).toBeTruthy();
    }
    const state = await h().getState(undefined);
    expect(state.ok && state.value.status.state).toBe('idle');
  });

  it('refuses replay and import of files outside the allowed folder', async () => {
    const replay = await h().openSource({ kind: 'replay', path: '/etc/hostname', speed: 1 });
    expect(!replay.ok && replay.error.code).toBe('forbidden');
    const file = await h().importFile({ path: '/etc/passwd' });
    expect(!file.ok && file.error.code).toBe('forbidden');
  });
});

/** Uploads `text` the way the page does: uploadStart, chunks of `chunk` bytes, uploadFinish. */
async function upload(name: string, text: string, chunk = 1024 * 1024) {
  const bytes = Buffer.from(text, 'utf8');
  const started = await h().uploadStart({ name, bytes: bytes.length });
  if (!started.ok) return started;
  const { uploadId } = started.value;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const sent = await h().uploadChunk({ uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
    if (!sent.ok) return sent;
  }
  return h().uploadFinish({ uploadId });
}

const uploadFiles = () => (existsSync(join(dir, 'uploads')) ? readdirSync(join(dir, 'uploads')) : []);

describe('files', () => {
  it('imports an uploaded CSV (decimal commas, missing values stay missing)', async () => {
    const r = await upload('log.csv', 'time;temp;hum\n2026-01-01 00:00;1,5;40\n2026-01-01 00:01;NA;41\n2026-01-01 00:02;2,5;42\n', 16);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.name).toBe('log.csv');
    const temp = r.value.table.channels.find((c) => c.name === 'temp')!;
    expect(temp.values).toEqual([1.5, null, 2.5]);
    expect(r.value.table.time).toHaveLength(3);
    // The upload's temporary file is gone.
    expect(uploadFiles()).toEqual([]);
  });

  it('streams an upload to disk chunk by chunk, in order, and frees it when done (issue 10)', async () => {
    const text = `time,v\n${Array.from({ length: 40_000 }, (_, i) => `${1_700_000_000_000 + i * 1000},${i % 97}`).join('\n')}\n`;
    const bytes = Buffer.from(text);
    const chunk = 256 * 1024;
    const started = await h().uploadStart({ name: 'big.csv', bytes: bytes.length });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { uploadId } = started.value;
    // Each acknowledged chunk is on disk already: main keeps none of it in memory.
    const first = await h().uploadChunk({ uploadId, offset: 0, data: bytes.subarray(0, chunk).toString('base64') });
    expect(first.ok && first.value.received).toBe(chunk);
    const [tmp] = uploadFiles();
    expect(readFileSync(join(dir, 'uploads', tmp)).equals(bytes.subarray(0, chunk))).toBe(true);
    // A chunk out of order is refused, not written at the wrong place.
    const skipped = await h().uploadChunk({ uploadId, offset: 2 * chunk, data: bytes.subarray(2 * chunk, 3 * chunk).toString('base64') });
    expect(!skipped.ok && skipped.error.code).toBe('invalid-payload');
    // Finishing early is refused: the file is not complete.
    const early = await h().uploadFinish({ uploadId });
    expect(!early.ok && early.error.message).toMatch(/Only 262144 of/);
    for (let offset = chunk; offset < bytes.length; offset += chunk) {
      const sent = await h().uploadChunk({ uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
      expect(sent.ok).toBe(true);
    }
    const r = await h().uploadFinish({ uploadId });
    expect(r.ok && r.value.rows).toBe(40_000);
    expect(uploadFiles()).toEqual([]);
  });

  it('refuses an upload longer than announced and deletes what arrived', async () => {
    const started = await h().uploadStart({ name: 'x.csv', bytes: 10 });
    if (!started.ok) throw new Error(started.error.message);
    const r = await h().uploadChunk({ uploadId: started.value.uploadId, offset: 0, data: Buffer.from('a,b\n1,2\n3,4\n').toString('base64') });
    expect(!r.ok && r.error.code).toBe('invalid-payload');
    expect(uploadFiles()).toEqual([]);
    const again = await h().uploadFinish({ uploadId: started.value.uploadId });
    expect(!again.ok && again.error.code).toBe('no-upload');
  });

  it('reports a file that is not a table as a value', async () => {
    const r = await upload('notes.txt', 'hello\nworld\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_FILE');
  });

  it('exports forecasts as CSV with the documented header, missing cells empty', async () => {
    const r = await h().exportForecasts({ suggestedName: 'f', channel: '=cmd|calc', rows: [[0, 1.5, 1.4, 1.0, 2.0, 1.2, 0.1], [1000, null, -1.6, -2, -1, 1.5, null]] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.csv).toBe('t,actual,forecast,lower,upper,baseline,residual\n1970-01-01T00:00:00.000Z,1.5,1.4,1,2,1.2,0.1\n1970-01-01T00:00:01.000Z,,-1.6,-2,-1,1.5,\n');
  });
});

describe('models and settings', () => {
  it('saves, lists and loads a model; rejects bad names and damaged folders', async () => {
    const store = new ModelStore(join(dir, 'models'));
    const weights = Buffer.from(new Float32Array([1, 2, 3]).buffer).toString('base64');
    const saved = await store.save({ name: 'nottem h12', manifest: { format: 'x' }, weights });
    expect(saved.ok).toBe(true);
    expect((await store.list()).map((m) => m.name)).toEqual(['nottem h12']);
    const loaded = await store.load('nottem h12');
    expect(loaded.ok && loaded.value.weights).toBe(weights);
    expect((await store.load('missing')).ok).toBe(false);
    expect((await store.save({ name: '../escape', manifest: {}, weights })).ok).toBe(false);
    rmSync(join(dir, 'models', 'nottem h12', 'model.json'));
    const damaged = await store.load('nottem h12');
    expect(damaged.ok).toBe(false);
  });

  it('remembers settings across restarts and survives a damaged file', async () => {
    const file = join(dir, 'settings-test.json');
    const a = new SettingsStore(file);
    await a.load();
    await a.update({ horizon: 24, backend: 'wasm', target: 'temp' });
    const b = new SettingsStore(file);
    expect(await b.load()).toMatchObject({ horizon: 24, backend: 'wasm', target: 'temp' });
    writeFileSync(file, '{"horizon": -5, "backend": "wasm", "__proto__": {"x": 1}}');
    const c = new SettingsStore(file);
    expect(await c.load()).toMatchObject({ horizon: 12, backend: 'wasm' });
    writeFileSync(file, 'not json');
    expect((await new SettingsStore(file).load()).horizon).toBe(12);
  });
});
