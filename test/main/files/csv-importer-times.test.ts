// The CSV/TSV importer's timestamps (FAULTS.md 13): zones, epochs, device millis, DST, order,
// jitter put on a grid, calendar months, unreadable times.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { fx, tempDir, iso, col } from '../../support/csv-import';

const tmp = tempDir();

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
