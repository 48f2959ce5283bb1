// The CSV/TSV importer on one fixture per fault (FAULTS.md 8-15), each with its expected result.
import { mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { writeGeneratedCsv } from '../../support/big-csv';

const FIX = join(__dirname, '../../fixtures/csv');
const fx = (name: string) => join(FIX, name);
const tmp = mkdtempSync(join(tmpdir(), 'sensorcast-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const iso = (t: Float64Array | null) => Array.from(t ?? [], (x) => new Date(x).toISOString());
const col = (table: { channels: { name: string; values: Float64Array }[] }, name: string) =>
  Array.from(table.channels.find((c) => c.name === name)?.values ?? []);

describe('importCsv: delimiters and decimal marks (FAULTS 8)', () => {
  it('";" with decimal commas: 1,5 is 1.5 (and 1.021,75 is 1021.75), never a string or NaN', async () => {
    const { table, report } = await importCsv(fx('semicolon-decimal-comma.csv'));
    expect(report).toMatchObject({ delimiter: ';', decimal: ',', timeColumn: 'Zeit', timeFormat: 'dmy' });
    expect(col(table, 'Temperatur')).toEqual([21.5, 21.6, 1021.75, -0.5]);
    expect(col(table, 'Feuchte')).toEqual([40.2, Number.NaN, 41, 41.5]);
    expect(report.missing.Feuchte).toBe(1);
    expect(iso(table.time)[0]).toBe('2024-03-01T12:00:00.000Z');
  });

  /** 600 rows of `time;temp;hum` with decimal commas; every 10th row written `,`-separated with decimal dots. */
  function mixedFile(name: string, header: boolean): string {
    const lines = header ? ['time;temp;hum'] : [];
    for (let i = 0; i < 600; i++) {
      const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace('.000', '');
      const a = 20 + (i % 7) * 0.5 + 0.25;
      const b = (40 + (i % 5) * 1.5).toFixed(1);
      lines.push(i % 10 === 9 ? `${t},${a},${b}` : `${t};${String(a).replace('.', ',')};${b.replace('.', ',')}`);
    }
    const path = join(tmp, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('";" rows with decimal commas and 1 row in 10 written with ",": stops with the line numbers, never reads zeros', async () => {
    const path = mixedFile('mixed.csv', true);
    const err = await importCsv(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/rows use two delimiters, ";" and "," \(60 row\(s\), lines 11, 21, 31, .*nothing imported/) });
    // Without a header, too: the sniffer weighs every line of the sample, not only the consistent field count.
    const bare = await importCsv(mixedFile('mixed-bare.csv', false)).catch((e: unknown) => e);
    expect(bare).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/two delimiters.*lines 10, 20, 30/) });
    // With the delimiter given, the other rows are skipped and listed; the rest read right.
    const { table, report } = await importCsv(path, { delimiter: ';', grid: false });
    expect(report.ragged.count).toBe(60);
    expect(report.ragged.lines.slice(0, 3)).toEqual([11, 21, 31]);
    expect(report.notes.join(' ')).toMatch(/60 row\(s\) with the wrong number of fields skipped \(lines 11, 21/);
    expect(col(table, 'temp').slice(0, 3)).toEqual([20.25, 20.75, 21.25]);
    expect(col(table, 'hum')).not.toContain(0);
  });

  it('a value in the other decimal style (1.5 in a decimal-comma column) is unreadable and listed, never guessed', async () => {
    const path = join(tmp, 'decimal-styles.csv');
    writeFileSync(path, 'time;v\n2024-03-01T00:00:00Z;1,5\n2024-03-01T00:01:00Z;1.250\n2024-03-01T00:02:00Z;2.5\n2024-03-01T00:03:00Z;1.021,5\n2024-03-01T00:04:00Z;3,5\n');
    const { table, report } = await importCsv(path);
    expect(report.decimal).toBe(',');
    expect(col(table, 'v')).toEqual([1.5, Number.NaN, Number.NaN, 1021.5, 3.5]);
    expect(report.invalid).toEqual({ v: { count: 2, lines: [3, 4] } });
    expect(report.notes.join(' ')).toMatch(/2 value\(s\) in "v" that are not numbers in this file's decimal style \(1,5\) read as missing \(lines 3, 4\)/);
  });

  it('tab-separated files', async () => {
    const { table, report } = await importCsv(fx('tab-separated.tsv'));
    expect(report.delimiter).toBe('\t');
    expect(col(table, 'hum')).toEqual([40, 41]);
  });

  it('"|" delimiter with yyyy/mm/dd times and fractions of a second; dd/mm/yyyy day first', async () => {
    const pipe = join(tmp, 'pipe.csv');
    writeFileSync(pipe, 'date|v\n2024/03/01 12:00:00.250|1\n2024/03/01 12:00:00.500|2\n');
    const a = await importCsv(pipe);
    expect(a.report.delimiter).toBe('|');
    expect(iso(a.table.time)).toEqual(['2024-03-01T12:00:00.250Z', '2024-03-01T12:00:00.500Z']);
    const slash = join(tmp, 'slash.csv');
    writeFileSync(slash, 'datum,v\n13/03/2024 08:00,1\n14/03/2024 08:00,2\n');
    const b = await importCsv(slash);
    expect(b.report.timeFormat).toBe('dmy');
    expect(iso(b.table.time)[0]).toBe('2024-03-13T08:00:00.000Z');
    const us = join(tmp, 'us.csv');
    writeFileSync(us, 'date,v\n03/13/2024 08:00,1\n03/14/2024 08:00,2\n');
    expect((await importCsv(us)).report.timeFormat).toBe('mdy');
  });

  it('a file without a header gets col1, col2, ... and no clock', async () => {
    const { table, report } = await importCsv(fx('no-header.csv'));
    expect(report.header).toBe(false);
    expect(table.time).toBeNull();
    expect(col(table, 'col2')).toEqual([2.5, 4.5, 6.5]);
  });
});

describe('importCsv: encodings (FAULTS 9)', () => {
  it('UTF-8 with a BOM: the BOM is not part of the first header', async () => {
    const { table, report } = await importCsv(fx('utf8-bom.csv'));
    expect(report.encoding).toBe('utf-8');
    expect(report.timeColumn).toBe('time');
    expect(table.channels[0].name).toBe('temp °C');
  });

  it('UTF-16LE with and without a BOM', async () => {
    const a = await importCsv(fx('utf16le-bom.csv'));
    expect(a.report).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(a.table.channels[0]).toMatchObject({ name: 'Außentemp °C' });
    expect(col(a.table, 'Außentemp °C')).toEqual([-1.5, -2.5]);
    const b = await importCsv(fx('utf16le-nobom.csv'));
    expect(b.report.encoding).toBe('utf-16le');
    expect(col(b.table, 'Luft µg/m³')).toEqual([10, 11]);
  });

  it('Windows-1252 (invalid as UTF-8) is detected and decoded', async () => {
    const { table, report } = await importCsv(fx('windows-1252.csv'));
    expect(report.encoding).toBe('windows-1252');
    expect(col(table, 'Außen °C')).toEqual([-1.5, -2.5]);
    expect(report.skippedColumns).toEqual(['Bemerkung']);
  });

  it('a multi-byte character split across two chunks is decoded whole', async () => {
    const path = join(tmp, 'multibyte.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `2024-03-01T00:${String(i).padStart(2, '0')}:00Z,${i},°µ³ü`).join('\n');
    writeFileSync(path, `time,Wärme °C,Notiz\n${rows}\n`);
    // 7-byte chunks cut the 2-byte characters at every possible offset.
    const { table, report } = await importCsv(path, { chunkBytes: 7 });
    expect(report.encoding).toBe('utf-8');
    expect(table.channels.map((c) => c.name)).toEqual(['Wärme °C']);
    expect(col(table, 'Wärme °C')).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(report.invalid).toEqual({});
  });

  it('a literal U+FFFD in valid UTF-8 is kept, not taken for invalid bytes', async () => {
    const path = join(tmp, 'literal-fffd.csv');
    writeFileSync(path, 'time,v,note\n2024-03-01T00:00:00Z,1,\ufffd\n2024-03-01T00:01:00Z,2,ok\n');
    for (const chunkBytes of [1, 2, 3, 4, 5, 6, 7, 64]) {
      const { report } = await importCsv(path, { chunkBytes });
      expect(report.encoding, `chunks of ${chunkBytes}`).toBe('utf-8');
    }
  });

  it('invalid UTF-8 past the sniffed head falls back to Windows-1252 for the whole file', async () => {
    const path = join(tmp, 'late-latin1.csv');
    const head = 'time,v\n' + Array.from({ length: 5000 }, (_, i) => `${1709294400 + i},${i}`).join('\n');
    writeFileSync(path, Buffer.concat([Buffer.from(`unix,v,note\n${head.split('\n').slice(1).map((l) => `${l},ok`).join('\n')}\n`), Buffer.from([0x31, 0x37, 0x30, 0x39, 0x33, 0x30, 0x30, 0x30, 0x30, 0x30, 0x2c, 0x39, 0x2c, 0xe9, 0x0a])]));
    const { table, report } = await importCsv(path);
    expect(report.encoding).toBe('windows-1252');
    expect(table.channels[0].values.length).toBeGreaterThan(5000);
  });
});

describe('importCsv: quoting and line endings (FAULTS 10)', () => {
  it('quoted delimiters, embedded newlines and mixed CRLF/LF/CR give the right row count', async () => {
    const { table, report } = await importCsv(fx('quoted-mixed-endings.csv'));
    expect(report.rows).toBe(4);
    expect(col(table, 'value')).toEqual([1, 2, 3, 4]);
    expect(report.ragged.count).toBe(0);
  });

  it('line numbers count the physical lines of an embedded newline', async () => {
    const path = join(tmp, 'quoted-ragged.csv');
    writeFileSync(path, 'time,v,note\n2024-03-01T00:00:00Z,1,"two\nlines"\n2024-03-01T00:01:00Z,2\n2024-03-01T00:02:00Z,3,x\n');
    const { report } = await importCsv(path);
    expect(report.ragged).toEqual({ count: 1, lines: [4] });
  });
});

describe('importCsv: ragged rows and duplicate headers (FAULTS 11)', () => {
  it('ragged rows are skipped and reported with line numbers, never shifted; duplicate headers renamed and reported', async () => {
    const { table, report } = await importCsv(fx('ragged-duplicate-headers.csv'), { grid: false });
    expect(report.ragged).toEqual({ count: 2, lines: [3, 5] });
    expect(report.duplicateHeaders).toEqual([{ name: 'temp', renamedTo: 'temp_2', column: 3 }]);
    expect(col(table, 'temp')).toEqual([1, 7, 14]);
    expect(col(table, 'temp_2')).toEqual([2, 8, 15]);
    expect(col(table, 'hum')).toEqual([3, 9, 16]);
    expect(report.notes.join(' ')).toMatch(/lines 3, 5/);
  });
});

describe('importCsv: missing values (FAULTS 12)', () => {
  it('NA, -, #N/A and empty are missing (counted), never 0; a real 0 stays 0; text is reported with its line', async () => {
    const { table, report } = await importCsv(fx('missing-values.csv'));
    expect(col(table, 'a')).toEqual([1, Number.NaN, Number.NaN, Number.NaN, 4, 0]);
    expect(col(table, 'b')).toEqual([Number.NaN, 2, Number.NaN, 3, Number.NaN, 0]);
    expect(report.missing).toEqual({ a: 3, b: 2 });
    expect(report.invalid).toEqual({ b: { count: 1, lines: [6] } });
  });
});

describe('importCsv: timestamps (FAULTS 13)', () => {
  it('ISO with a zone offset is converted to UTC', async () => {
    const { table, report } = await importCsv(fx('iso-with-zone.csv'));
    expect(iso(table.time)).toEqual(['2024-03-01T10:00:00.000Z', '2024-03-01T11:00:00.000Z', '2024-03-01T12:00:00.000Z']);
    expect(report.timeZone).toBe('given');
  });

  it('ISO without a zone (yyyy-mm-dd hh:mm) is read as UTC and says so', async () => {
    const { table, report } = await importCsv(fx('iso-no-zone.csv'));
    expect(iso(table.time)[1]).toBe('2024-03-01T12:15:00.000Z');
    expect(report).toMatchObject({ timeZone: 'utc-assumed', timeColumn: 'timestamp' });
    expect(table.intervalMs).toBe(15 * 60_000);
  });

  it('epoch seconds and epoch milliseconds', async () => {
    const s = await importCsv(fx('epoch-seconds.csv'));
    expect(s.report.timeFormat).toBe('epoch-s');
    expect(iso(s.table.time)[0]).toBe('2024-03-01T12:00:00.000Z');
    const ms = await importCsv(fx('epoch-ms.csv'));
    expect(ms.report.timeFormat).toBe('epoch-ms');
    expect(ms.table.intervalMs).toBe(500);
  });

  it('a device millis() column is relative time in ms', async () => {
    const { table, report } = await importCsv(fx('millis-relative.csv'));
    expect(report.timeFormat).toBe('relative-ms');
    expect(table.intervalMs).toBe(100);
  });

  it('dd.mm.yyyy hh:mm:ss', async () => {
    const { table } = await importCsv(fx('semicolon-decimal-comma.csv'));
    expect(iso(table.time)[3]).toBe('2024-03-01T12:03:00.000Z');
  });

  it('a DST autumn hour in local wall-clock time: the repeated hour is merged (later rows win) and explained', async () => {
    const { table, report } = await importCsv(fx('dst-autumn-local.csv'));
    expect(table.intervalMs).toBe(30 * 60_000);
    expect(col(table, 'v')).toEqual([0, 1, 4, 5, 6, 7]);
    expect(report.grid).toMatchObject({ merged: 2, applied: true });
    expect(report.notes.join(' ')).toMatch(/daylight-saving/);
  });

  it('out-of-order rows are sorted, duplicates merged (later wins), empty slots missing, all counted', async () => {
    const { table, report } = await importCsv(fx('out-of-order-duplicates.csv'));
    expect(col(table, 'v')).toEqual([0, 1, 2, 33, Number.NaN, Number.NaN, 6]);
    expect(report.grid).toMatchObject({ outOfOrder: 1, merged: 1, filled: 2, intervalMs: 60_000 });
  });

  it('irregular (jittered) times are put on a regular grid with the detected interval', async () => {
    const { table, report } = await importCsv(fx('irregular-jitter.csv'));
    expect(table.intervalMs).toBe(1000);
    expect(col(table, 'v')).toEqual([0, 1, 2, 3, Number.NaN, 5, 6]);
    expect(report.grid.filled).toBe(1);
  });

  it('monthly dates form a calendar-month grid (28-31 day months), a plain index has no clock', async () => {
    const monthly = join(tmp, 'monthly.csv');
    writeFileSync(monthly, 't,value\n2024-01-01,1\n2024-02-01,2\n2024-04-01,4\n');
    const m = await importCsv(monthly);
    expect(m.report.grid).toMatchObject({ unit: 'month', calendarMonths: 1, filled: 1 });
    expect(iso(m.table.time)[2]).toBe('2024-03-01T00:00:00.000Z');
    const index = join(tmp, 'index.csv');
    writeFileSync(index, 't,value\n1,88\n2,84\n3,85\n');
    const i = await importCsv(index);
    expect(i.report.timeFormat).toBe('index');
    expect(i.table.time).toBeNull();
  });

  it('rows with an unreadable time are skipped and reported with line numbers', async () => {
    const path = join(tmp, 'bad-time.csv');
    writeFileSync(path, 'time,v\n2024-03-01T00:00:00Z,1\nyesterday,2\n2024-03-01T00:02:00Z,3\n');
    const { report } = await importCsv(path, { grid: false });
    expect(report.badTime).toEqual({ count: 1, lines: [3] });
  });
});

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

describe('parsePlainDecimal (the fast path for numbers)', () => {
  it('equals Number() on plain decimals, and declines everything else', async () => {
    const { parsePlainDecimal } = await import('../../../main/files/plain-decimal');
    const cases = ['0', '-0', '12', '-12.345', '+5', '.5', '1.', '0.1', '0.3', '123456789012345', '9.99999999999999', '0.00000000000001', '1709294400000'];
    for (const c of cases) expect(Object.is(parsePlainDecimal(c), Number(c)), c).toBe(true);
    for (let i = 0; i < 2000; i++) {
      const s = (Math.random() * 10 ** Math.floor(Math.random() * 10)).toFixed(Math.floor(Math.random() * 6));
      expect(parsePlainDecimal(s), s).toBe(Number(s));
    }
    for (const c of ['', '-', '.', '1e5', ' 1', '1 ', '1.2.3', 'abc', '1234567890123456', '12,5']) expect(parsePlainDecimal(c), c).toBeUndefined();
    expect(parsePlainDecimal('12,5', 44)).toBe(12.5);
  });
});
