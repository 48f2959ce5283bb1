import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { csvLine, csvText, escapeCell, exportCsv, tableToCsv } from '../../../main/files/csv-export';
import { importCsv } from '../../../main/files/csv-importer';

describe('CSV export (FAULTS 16: formula injection)', () => {
  it('cells starting with =, +, -, @, tab or CR are escaped so spreadsheets do not run them', () => {
    expect(escapeCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(escapeCell('+1+cmd')).toBe("'+1+cmd");
    expect(escapeCell('-2+3')).toBe("'-2+3");
    expect(escapeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCell('\tx')).toBe("'\tx");
  });

  it('numbers stay numbers, including negative ones; NaN and missing are empty', () => {
    expect(escapeCell(-1.5)).toBe('-1.5');
    expect(escapeCell('-1.5')).toBe('-1.5');
    expect(escapeCell(Number.NaN)).toBe('');
    expect(escapeCell(null)).toBe('');
    expect(csvLine(['a,b', 'say "hi"', 'line\nbreak'])).toBe('"a,b","say ""hi""","line\nbreak"');
  });

  it('csvText: one line per row, each ended by a newline, in the given dialect', () => {
    expect(csvText([['a', 'b;c'], [1, null]], ';')).toBe('a;"b;c"\n1;\n');
    expect(csvText([])).toBe('');
  });

  it('a table round-trips through exportCsv and importCsv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sensorcast-export-'));
    try {
      const t0 = Date.UTC(2024, 2, 1);
      const table = {
        time: Float64Array.from([0, 1, 2], (i) => t0 + i * 60_000),
        channels: [
          { name: '=forecast', values: Float64Array.from([1.5, Number.NaN, -3]) },
          { name: 'lower', values: Float64Array.from([1, 2, 3]) },
        ],
        intervalMs: 60_000,
      };
      expect(tableToCsv(table).split('\n')[0]).toBe("time,'=forecast,lower");
      const path = join(dir, 'out.csv');
      await exportCsv(path, table);
      expect(readFileSync(path, 'utf8')).toContain('2024-03-01T00:01:00.000Z,,2\n');
      const back = await importCsv(path);
      expect(Array.from(back.table.channels[0].values)).toEqual([1.5, Number.NaN, -3]);
      expect(back.table.intervalMs).toBe(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
