// The open dialog the page asks main for (command chooseFile): what it is for (a data file or a
// broker's CA certificate) reaches Electron's dialog as filters that offer those files first, a
// picked file may then be read, and browser mode (no dialogs) says to drop the file instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openDialogFilters } from '../../../main/files/dialog-filters';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { parseParams, type FileKind } from '../../../shared/api/contract';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function session(mode: 'electron' | 'browser', pick: string | null): Promise<{ s: Session; asked: FileKind[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-dialog-'));
  const asked: FileKind[] = [];
  const dialogs = {
    openFile: async (kind: FileKind) => {
      asked.push(kind);
      return pick;
    },
    saveFile: async () => null,
  };
  const s = await createSession({ mode, dataDir: dir, deps: defaultDeps(), ...(mode === 'electron' ? { dialogs } : {}) });
  cleanups.push(async () => {
    await s.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { s, asked };
}

describe('chooseFile', () => {
  it('asks the dialog for the kind of file the page wants, and lets the page read the file picked', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'sensorcast-picked-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    const csv = join(outside, 'log.csv');
    writeFileSync(csv, 't,value\n1,2\n2,3\n3,4\n');
    const { s, asked } = await session('electron', csv);
    expect(await s.handlers.chooseFile({ kind: 'certificate' })).toEqual({ ok: true, value: { path: csv } });
    expect(await s.handlers.chooseFile({ kind: 'data' })).toEqual({ ok: true, value: { path: csv } });
    expect(asked).toEqual(['certificate', 'data']);
    // Picked by the user, so readable although it lies outside the allowed folders.
    expect((await s.handlers.importFile({ path: csv })).ok).toBe(true);
  });

  it('offers certificates first for a CA file and logs first for data, all files second', () => {
    expect(openDialogFilters('certificate')[0].extensions).toEqual(['pem', 'crt', 'cer']);
    expect(openDialogFilters('data')[0].extensions).toEqual(['csv', 'tsv', 'txt']);
    for (const kind of ['certificate', 'data'] as const) expect(openDialogFilters(kind)[1]).toEqual({ name: 'All files', extensions: ['*'] });
  });

  it('refuses a request without a known kind, and has no dialog in browser mode', async () => {
    expect(parseParams('chooseFile', {}).ok).toBe(false);
    expect(parseParams('chooseFile', { kind: 'video' }).ok).toBe(false);
    const { s } = await session('browser', null);
    const r = await s.handlers.chooseFile({ kind: 'data' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unsupported', hint: 'Drop the file on the page instead.' } });
  });
});
