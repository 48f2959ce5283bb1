// The CSV/TSV importer on one fixture per fault (FAULTS.md 8-12): delimiters and decimal marks,
// encodings, quoting and line endings, ragged rows, missing values. Times: csv-importer-times.test.ts;
// big, changing and bad files: csv-importer-files.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { fx, tempDir, iso, col } from '../../support/csv-import';

const tmp = tempDir();

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
