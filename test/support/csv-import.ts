// Test support for the CSV importer's tests (test/main/files/csv-importer*.test.ts): the CSV
// fixtures, a temp folder removed after the file's tests, and readers of an import's result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

/** A fixture of test/fixtures/csv. */
export const fx = (name: string): string => join(__dirname, '../fixtures/csv', name);

/** A fresh temp folder, removed after the calling file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Times as ISO strings. */
export const iso = (t: Float64Array | null): string[] => Array.from(t ?? [], (x) => new Date(x).toISOString());

/** The values of the channel `name`. */
export const col = (table: { channels: { name: string; values: Float64Array }[] }, name: string): number[] =>
  Array.from(table.channels.find((c) => c.name === name)?.values ?? []);
