// The CSV/TSV importer on big files, files that change while read, and files it cannot read
// (FAULTS.md 14, 15): progress and cancel, partial imports, clear errors naming the file.
import { truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { writeGeneratedCsv } from '../../support/big-csv';
import { fx, tempDir, col } from '../../support/csv-import';

const tmp = tempDir();

describe('importCsv: big files, progress and cancel (FAULTS 14)', () => {
  const big = join(tmp, 'big-1m.csv');

  it('a generated 1,000,000-row, 5-column file loads completely and correctly', async () => {
    const t0 = 1_700_000_000_000;
    await writeGeneratedCsv(big, 'time,a,b,c,d', 1_000_000, (i) => `${t0 + i * 1000},${i},${(i % 100) / 4},${-i},${i % 7}`);
    const progress: number[] = [];
    const { table, report } = await importCsv(big, { onProgress: (p) => progress.push(p.bytesRead) });
    expect(report.rows).toBe(1_000_000);
    expect(report.timeFormat).toBe('epoch-ms');
    expect(table.intervalMs).toBe(1000);
    expect(table.channels.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    const a = table.channels[0].values;
    expect(a.length).toBe(1_000_000);
    expect(a[999_999]).toBe(999_999);
    expect(table.channels[1].values[123_457]).toBe(14.25);
    expect(table.channels[2].values[5]).toBe(-5);
    expect(report.partial).toBe(false);
    // Progress is reported as the file streams in, ending at its full size.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[progress.length - 1]).toBe(report.bytes);
  });

  it('cancel: an AbortSignal stops the import with CANCELLED', async () => {
    const controller = new AbortController();
    const run = importCsv(big, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('importCsv: files that change while read (FAULTS 15)', () => {
  function makeFile(name: string): string {
    const path = join(tmp, name);
    writeFileSync(path, `time,v\n${Array.from({ length: 20_000 }, (_, i) => `${1_700_000_000 + i},${i}`).join('\n')}\n`);
    return path;
  }

  it('a file that shrinks while read is marked partial', async () => {
    const path = makeFile('shrinks.csv');
    let cut = false;
    const { report } = await importCsv(path, {
      chunkBytes: 16 * 1024,
      onProgress: () => {
        if (!cut) truncateSync(path, 40_000);
        cut = true;
      },
    });
    expect(report.partial).toBe(true);
    expect(report.partialReason).toMatch(/shrank/);
    expect(report.notes[0]).toMatch(/^Partial import/);
  });

  it('a file that grows while read is marked partial', async () => {
    const path = makeFile('grows.csv');
    let grown = false;
    const { report } = await importCsv(path, {
      chunkBytes: 16 * 1024,
      onProgress: () => {
        if (!grown) writeFileSync(path, '1800000000,1\n', { flag: 'a' });
        grown = true;
      },
    });
    expect(report.partial).toBe(true);
  });

  it('a file that vanishes while read is marked partial', async () => {
    const path = makeFile('vanishes.csv');
    let gone = false;
    const { report } = await importCsv(path, {
      chunkBytes: 16 * 1024,
      onProgress: () => {
        if (!gone) unlinkSync(path);
        gone = true;
      },
    });
    expect(report.partial).toBe(true);
    expect(report.partialReason).toMatch(/vanished/);
  });
});

describe('importCsv: clear errors', () => {
  it('no such file: FILE_NOT_FOUND', async () => {
    await expect(importCsv(join(tmp, 'nope.csv'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.csv') });
  });

  it('an empty file or one without numbers: BAD_FILE naming the file', async () => {
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    await expect(importCsv(empty)).rejects.toMatchObject({ code: 'BAD_FILE' });
    await expect(importCsv(fx('text-only.csv'))).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/no numeric column.*name, city/) });
  });

  it('a header without data rows: BAD_FILE saying so', async () => {
    const path = join(tmp, 'header-only.csv');
    writeFileSync(path, 'time,temp\n');
    await expect(importCsv(path)).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/no data rows below its header/) });
  });

  it('a 5 MB line without a line break: BAD_FILE saying the file is one giant line with no rows', async () => {
    const path = join(tmp, 'one-line.csv');
    writeFileSync(path, Array.from({ length: 1_300_000 }, (_, i) => String(i % 1000)).join(',').slice(0, 5 * 1024 * 1024));
    await expect(importCsv(path)).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/one-line\.csv is one giant line \(4\.\d MB, no line break in the first 64 KB\) and has no rows/),
      hint: expect.stringMatching(/one row per line/),
    });
  });

  it('a NUL byte in a header name: removed, and the report says so', async () => {
    const path = join(tmp, 'nul-header.csv');
    writeFileSync(path, 'time,te\u0000mp,\u0000hum\n2024-03-01T00:00:00Z,1,2\n2024-03-01T00:01:00Z,3,4\n');
    const { table, report } = await importCsv(path, { grid: false });
    expect(table.channels.map((c) => c.name)).toEqual(['temp', 'hum']);
    expect(report.cleanedHeaders).toEqual([
      { raw: 'te\u0000mp', name: 'temp', column: 2 },
      { raw: '\u0000hum', name: 'hum', column: 3 },
    ]);
    expect(report.notes.join(' ')).toMatch(/Column 2's header "te\\u0000mp" held control characters \(a NUL byte, \.\.\.\): removed, read as "temp"/);
    expect(col(table, 'temp')).toEqual([1, 3]);
  });

  it('a folder: BAD_FILE', async () => {
    await expect(importCsv(tmp)).rejects.toMatchObject({ code: 'BAD_FILE' });
  });
});
