// Importing in bounded memory (issue 10 item 7): a file whose numbers would not fit stops with
// TOO_LARGE and says how to import less; every k-th row and a time range import less; the grid
// lets go of each input column as it makes the gridded one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { flagOf, importOptionsOf } from '../../../main/cli/engine-cli';
import { importCsv } from '../../../main/files/csv-importer';
import { toRegularGrid } from '../../../main/files/grid';
import { wordOptions } from '../../../shared/errors';

const T0 = Date.UTC(2024, 0, 1);
let dir: string;
let timed: string;
let plain: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-limits-'));
  timed = join(dir, 'timed.csv');
  plain = join(dir, 'plain.csv');
  const lines = ['time,a,b'];
  for (let i = 0; i < 30_000; i++) lines.push(`${new Date(T0 + i * 1000).toISOString()},${i},${i % 7}`);
  writeFileSync(timed, `${lines.join('\n')}\n`);
  writeFileSync(plain, `a,b\n${Array.from({ length: 30_000 }, (_, i) => `${i},${i % 5}`).join('\n')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import limits', () => {
  it('says before reading when the numbers would not fit in memory, and how to import less', async () => {
    const err = await importCsv(timed, { maxResultBytes: 200_000 }).catch((e: unknown) => e as { code: string; message: string; hint?: string });
    expect(err).toMatchObject({ code: 'TOO_LARGE' });
    expect((err as { message: string }).message).toMatch(/about [\d,]+ rows x 3 columns would need .* in memory, more than the 1 MB an import may use/);
    // The importer names its options, {from}; each front end words them (the app: import-option-names.ts).
    const hint = (err as { hint: string }).hint;
    expect(hint).not.toMatch(/--/);
    expect(wordOptions(hint, flagOf)).toBe('Import a time range (--from/--to) or every k-th row (--every k), or fewer columns.');
  });

  it('stops with TOO_LARGE while reading when it could not tell before (a time range)', async () => {
    const err = await importCsv(timed, { maxResultBytes: 200_000, from: T0 }).catch((e: unknown) => e as { code: string; message: string });
    expect(err).toMatchObject({ code: 'TOO_LARGE' });
    expect((err as { message: string }).message).toMatch(/more than 8,333 rows/);
  });

  it('imports every k-th row, and says so', async () => {
    const { table, report } = await importCsv(plain, { every: 10 });
    expect(table.channels[0].values).toHaveLength(3000);
    expect(Array.from(table.channels[0].values.subarray(0, 3))).toEqual([0, 10, 20]);
    expect(report.notes.join(' ')).toMatch(/Every 10th row imported \(3,000 of 30,000\)/);
    // Small enough now: the same limit that refused the whole file takes a tenth of it.
    const tenth = await importCsv(plain, { every: 10, maxResultBytes: 100_000 });
    expect(tenth.table.channels[1].values).toHaveLength(3000);
  });

  it('imports a time range [from, to)', async () => {
    const { table, report } = await importCsv(timed, { from: T0 + 100_000, to: T0 + 200_000 });
    expect(table.time).toHaveLength(100);
    expect(table.time![0]).toBe(T0 + 100_000);
    expect(table.channels[0].values[99]).toBe(199);
    expect(report.notes.join(' ')).toMatch(/29,900 row\(s\) outside the time range left out/);
  });

  it('refuses a time range on a file without a time column', async () => {
    const err = (await importCsv(plain, { from: T0 }).catch((e: unknown) => e)) as { code: string; hint: string };
    expect(err).toMatchObject({ code: 'BAD_OPTION' });
    expect(wordOptions(err.hint, flagOf)).toBe('Use every k-th row (--every k) instead.');
  });

  it('reads --every, --from and --to on forecast and evaluate', () => {
    expect(importOptionsOf({ every: '5', from: '2024-01-01', to: '1704070800000' })).toEqual({ every: 5, from: T0, to: T0 + 3_600_000 });
    expect(() => importOptionsOf({ every: '0' })).toThrow(/--every must be 1 or more/);
    expect(() => importOptionsOf({ from: 'soon' })).toThrow(/--from must be a date/);
  });
});

describe('the grid in bounded memory', () => {
  it('lets go of each input column as it makes the gridded one (release)', () => {
    const time = Float64Array.from([0, 1000, 3000, 2000, 5000]);
    const a = Float64Array.from([1, 2, 4, 3, 6]);
    const columns = [a];
    const { time: t, columns: out, report } = toRegularGrid(time, columns, { release: true });
    expect(report.applied).toBe(true);
    expect(Array.from(t)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(Array.from(out[0])).toEqual([1, 2, 3, 4, Number.NaN, 6]);
    // The caller's array now holds the gridded column, so the input can be collected.
    expect(columns[0]).toBe(out[0]);
    expect(columns[0]).not.toBe(a);
  });

  it('leaves a grid that would not fit as read, and says why', () => {
    const time = Float64Array.from([0, 1000, 2000, 90_000]);
    const { report } = toRegularGrid(time, [new Float64Array(4)], { maxBytes: 1000 });
    expect(report.applied).toBe(false);
    expect(report.note).toMatch(/would not fit in memory/);
  });
});
