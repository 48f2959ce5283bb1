// One bundle layout: what the CLI saves the app loads, and the other way round; the app's older
// folders (manifest.json) still load.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadModelDir, saveModelDir } from '../../../main/cli/model-dir';
import { readModelFolder } from '../../../main/files/model-folder';
import { ModelStore } from '../../../main/storage/model-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-bundle-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const weights = Uint8Array.from([1, 2, 3, 4]);

describe('model bundle folders', () => {
  it('the CLI and the app write the same files and read each other', async () => {
    const store = new ModelStore(join(dir, 'models'));
    await saveModelDir(join(dir, 'models', 'from-cli'), { manifest: { format: 'cli' }, weights: weights.buffer });
    const loaded = await store.load('from-cli');
    expect(loaded.ok && loaded.value.manifest).toEqual({ format: 'cli' });
    expect((await store.list()).map((m) => m.name)).toEqual(['from-cli']);

    await store.save({ name: 'from-app', manifest: { format: 'app' }, weights: Buffer.from(weights).toString('base64') });
    expect(existsSync(join(dir, 'models', 'from-app', 'model.json')) && existsSync(join(dir, 'models', 'from-app', 'weights.bin'))).toBe(true);
    const back = await loadModelDir(join(dir, 'models', 'from-app'));
    expect(back.manifest).toEqual({ format: 'app' });
    expect(Array.from(new Uint8Array(back.weights))).toEqual([1, 2, 3, 4]);
  });

  it('reads a folder written under the old name (manifest.json)', async () => {
    const old = join(dir, 'models', 'old');
    await saveModelDir(old, { manifest: { format: 'old' }, weights: weights.buffer });
    renameSync(join(old, 'model.json'), join(old, 'manifest.json'));
    const r = await readModelFolder(old);
    expect(r.ok && r.manifest).toEqual({ format: 'old' });
    const loaded = await new ModelStore(join(dir, 'models')).load('old');
    expect(loaded.ok && loaded.value.manifest).toEqual({ format: 'old' });
  });

  it('says which failure: a missing file, or a manifest that is not JSON', async () => {
    mkdirSync(join(dir, 'empty'));
    expect(await readModelFolder(join(dir, 'empty'))).toMatchObject({ ok: false, reason: 'unreadable' });
    writeFileSync(join(dir, 'empty', 'model.json'), '{"trunc');
    writeFileSync(join(dir, 'empty', 'weights.bin'), weights);
    expect(await readModelFolder(join(dir, 'empty'))).toEqual({ ok: false, reason: 'not-json', file: join(dir, 'empty', 'model.json') });
    await expect(loadModelDir(join(dir, 'empty'))).rejects.toThrow(/not valid JSON/);
  });
});
