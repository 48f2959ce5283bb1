// The app's words for the importer's options (main/api/import-option-names.ts): a file too large
// for memory, imported through the app (importFile, the real importer with a small memory limit),
// fails with a hint that says where a part of it can be imported, never `{from}` or a bare flag.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importError } from '../../../main/api/import-option-names';
import { importCsv } from '../../../main/files/csv-importer';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { EngineError } from '../../../shared/errors';

let dir: string;
let session: Session;
let big: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-import-words-'));
  mkdirSync(join(dir, 'data'));
  big = join(dir, 'data', 'big.csv');
  const t0 = Date.UTC(2024, 0, 1);
  writeFileSync(big, `time,a\n${Array.from({ length: 20_000 }, (_, i) => `${new Date(t0 + i * 1000).toISOString()},${i}`).join('\n')}\n`);
  const deps = { ...defaultDeps(), importCsv: (path: string) => importCsv(path, { maxResultBytes: 100_000 }) };
  session = await createSession({ mode: 'browser', dataDir: dir, deps });
});

afterAll(async () => {
  await session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("the app's words for import options", () => {
  it('a file too large for memory: TOO_LARGE, the hint points to the command line', async () => {
    const r = await session.handlers.importFile({ path: big });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('TOO_LARGE');
    expect(r.error.hint).toBe('Import a time range (on the command line: sensorcast forecast --from/--to) or every k-th row (sensorcast forecast --every k), or fewer columns.');
  });

  it('leaves other failures as they are, and converts anything thrown', () => {
    const plain = new EngineError('FILE_NOT_FOUND', 'x.csv does not exist');
    expect(importError(plain, 'BAD_FILE')).toEqual({ code: 'FILE_NOT_FOUND', message: 'x.csv does not exist', hint: 'Check the file path.' });
    expect(importError(new Error('boom'), 'BAD_FILE')).toMatchObject({ code: 'BAD_FILE' });
  });
});
