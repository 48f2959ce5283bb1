// The app's saved models (main/storage/model-store.ts) on a real folder: a save never replaces a
// model unless told to, and the list says what each model is, from its manifest.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { saveModelDir } from '../../../main/cli/model-dir';
import { describeManifest, ModelStore } from '../../../main/storage/model-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-models-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const info = {
  target: 'temp',
  channels: [{ name: 'temp', unit: '°C' }, { name: 'hum' }],
  horizon: 24,
  seasons: [{ period: 24, label: 'daily', source: 'clock' }],
  intervalMs: 3_600_000,
  window: 48,
};
const manifest = (note: string) => ({ format: 'sensorcast-model', spec: { info }, note });
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('ModelStore', () => {
  it('refuses to replace a saved model unless told to, and keeps the old one', async () => {
    const store = new ModelStore(join(dir, 'models'));
    const first = await store.save({ name: 'temp-h24', manifest: manifest('first'), weights: b64([1, 2]) });
    expect(first.ok).toBe(true);
    const again = await store.save({ name: 'temp-h24', manifest: manifest('second'), weights: b64([3, 4]) });
    expect(again).toEqual({ ok: false, error: { code: 'model-exists', message: 'A model named "temp-h24" is already saved.', hint: 'Save it under another name, or confirm to replace it.' } });
    const kept = await store.load('temp-h24');
    expect(kept.ok && kept.value.manifest.note).toBe('first');
    expect(kept.ok && kept.value.weights).toBe(b64([1, 2]));
    const replaced = await store.save({ name: 'temp-h24', manifest: manifest('second'), weights: b64([3, 4]) }, { overwrite: true });
    expect(replaced.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'models', 'temp-h24', 'model.json'), 'utf8')).note).toBe('second');
  });

  it("lists each model's target, channels and units, seasons, horizon and interval, from a folder the CLI wrote too", async () => {
    const store = new ModelStore(join(dir, 'models'));
    await saveModelDir(join(dir, 'models', 'from-cli'), { manifest: manifest('cli'), weights: new Uint8Array([9]).buffer });
    await store.save({ name: 'odd', manifest: { format: 'something else' }, weights: b64([1]) });
    const list = await store.list();
    const cli = list.find((m) => m.name === 'from-cli')!;
    expect(cli).toMatchObject({ target: 'temp', channels: [{ name: 'temp', unit: '°C' }, { name: 'hum' }], seasons: [{ period: 24, label: 'daily' }], horizon: 24, intervalMs: 3_600_000, bytes: 1 });
    expect(cli.savedAt).toBeGreaterThan(Date.now() - 60_000);
    // A manifest that is not the engine's: listed by name and date only.
    expect(list.find((m) => m.name === 'odd')).toEqual({ name: 'odd', savedAt: expect.any(Number), bytes: 1 });
  });

  it('describes only what an engine manifest holds', () => {
    expect(describeManifest(null)).toEqual({});
    expect(describeManifest({ spec: { info: { ...info, horizon: 'soon' } } })).toEqual({});
    expect(describeManifest(manifest('x'))).toEqual({ target: 'temp', channels: [{ name: 'temp', unit: '°C' }, { name: 'hum' }], seasons: [{ period: 24, label: 'daily' }], horizon: 24, intervalMs: 3_600_000 });
  });
});
