// The settings file: each write stands alone. A failed write is reported and the next change is
// written, with the real file system (a file where the settings folder should be makes it fail).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { SettingsNotSavedError, SettingsStore } from '../../../main/storage/settings-store';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('reports a failed write and still writes the next change', async () => {
    const folder = join(dir, 'user-data');
    const file = join(folder, 'settings.json');
    // A plain file where the folder should be: mkdir fails, as on an unwritable or vanished folder.
    writeFileSync(folder, 'not a folder');
    const store = new SettingsStore(file);
    await store.load();
    const failed = store.update({ horizon: 24 });
    await expect(failed).rejects.toBeInstanceOf(SettingsNotSavedError);
    await expect(failed).rejects.toMatchObject({ code: 'SETTINGS_NOT_SAVED' });
    expect(store.get().horizon).toBe(24);

    rmSync(folder);
    const saved = await store.update({ target: 'temp' });
    expect(saved).toMatchObject({ horizon: 24, target: 'temp' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ horizon: 24, target: 'temp' });
  });
});
