// Logger and spreadsheet exports (issue 13 item 1): each fixture in test/fixtures/csv/loggers, written
// in the shape of a documented export format (sources in its README), opens with the right columns,
// units and times, and says what it skipped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { SeriesTable } from '../../../shared/table';

import { importCsv } from '../../../main/files/csv-importer';
import { detectLayout } from '../../../main/files/header-detect';
import { headerName } from '../../../main/files/header-names';
import { detectTimeFormat, timeParser } from '../../../main/files/time-format';

const fx = (name: string) => join(__dirname, '../../fixtures/csv/loggers', name);
const tmp = mkdtempSync(join(tmpdir(), 'sensorcast-loggers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const iso = (t: number) => new Date(t).toISOString();
const units = (table: SeriesTable) => Object.fromEntries(table.channels.map((c) => [c.name, c.unit]));
const first = (table: SeriesTable, name: string, n = 2) => Array.from(table.channels.find((c) => c.name === name)?.values.slice(0, n) ?? []);

describe('logger exports open with the right columns, units and times', () => {
  it('Campbell Scientific TOA5: file-info line skipped, units row read, processing row skipped, RECORD not a channel', async () => {
    const { table, report } = await importCsv(fx('campbell-toa5-hourly.dat'));
    expect(report).toMatchObject({ delimiter: ',', headerLine: 2, timeColumn: 'TIMESTAMP', timeFormat: 'iso', timeZone: 'utc-assumed', rows: 24 });
    expect(report.skippedLines?.map((s) => [s.line, s.kind])).toEqual([
      [1, 'metadata'],
      [3, 'units'],
      [4, 'processing'],
    ]);
    expect(units(table)).toEqual({ BattV_Min: 'Volts', PTemp_C_Avg: 'Deg C', AirTC_Avg: 'Deg C', RH: '%', WS_ms_Avg: 'meters/second', Rain_mm_Tot: 'mm' });
    expect(report.loggerColumns).toEqual(['RECORD']);
    expect(iso(table.time![0])).toBe('2024-05-01T01:00:00.000Z');
    expect(iso(table.time![23])).toBe('2024-05-02T00:00:00.000Z');
    expect(table.intervalMs).toBe(3_600_000);
    expect(first(table, 'AirTC_Avg')).toEqual([8.54, 8.14]);
    // Campbell's NAN is missing, counted, never 0.
    expect(report.missing.RH).toBe(1);
    expect(report.notes.join(' ')).toMatch(/Header on line 2; skipped line 1 \(metadata: "TOA5","WeatherStn".*line 3 \(units row\), line 4 \(processing\/type row\)/);
  });

  it('Onset HOBOware CSV: Plot Title skipped, GMT-04:00 converted, AM/PM read, units from the names, # and event columns and the event-only row skipped', async () => {
    const { table, report } = await importCsv(fx('hoboware-u23-temp-rh.csv'));
    expect(report).toMatchObject({ headerLine: 2, timeColumn: 'Date Time', timeFormat: 'mdy', timeZone: 'given', timeZoneName: 'UTC-04:00' });
    expect(table.channels.map((c) => c.name)).toEqual(['Temp', 'RH']);
    expect(units(table)).toEqual({ Temp: '°F', RH: '%' });
    expect(report.loggerColumns).toEqual(['#', 'Coupler Detached', 'Coupler Attached', 'Host Connected', 'End Of File']);
    // 11:00:00 AM at GMT-04:00 is 15:00 UTC; 12:00:00 PM is noon, 12:00:00 AM midnight.
    expect(iso(table.time![0])).toBe('2024-06-01T15:00:00.000Z');
    expect(iso(table.time![4])).toBe('2024-06-01T16:00:00.000Z');
    expect(iso(table.time![52])).toBe('2024-06-02T04:00:00.000Z');
    expect(iso(table.time![table.time!.length - 1])).toBe('2024-06-02T17:00:00.000Z');
    expect(table.time).toHaveLength(105);
    expect(table.intervalMs).toBe(900_000);
    expect(first(table, 'Temp')).toEqual([70, 70.327]);
    // The End Of File row (events only, no values) is not a sample.
    expect(report.eventRows).toEqual({ count: 1, lines: [108] });
    expect(report.notes.join(' ')).toMatch(/1 row\(s\) with logger events and no values skipped \(line 108\)/);
    expect(Number.isNaN(table.channels[0].values[104])).toBe(false);
  });

  it('Excel in a ";" locale: the sep=; line, decimal commas, dd.mm.yyyy, units in brackets, Windows-1252', async () => {
    const { table, report } = await importCsv(fx('excel-de-semicolon.csv'));
    expect(report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', headerLine: 2, timeColumn: 'Datum', timeFormat: 'dmy' });
    expect(report.skippedLines).toEqual([{ line: 1, kind: 'sep', text: 'sep=;' }]);
    expect(units(table)).toEqual({ 'Temperatur (°C)': '°C', 'Luftfeuchte (%)': '%', 'Luftdruck [hPa]': 'hPa' });
    expect(first(table, 'Temperatur (°C)')).toEqual([2.9, 2.4]);
    expect(first(table, 'Luftdruck [hPa]')).toEqual([1013.2, 1013.1]);
    expect(iso(table.time![0])).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(table.time![47])).toBe('2024-03-02T23:00:00.000Z');
    expect(report.missing['Luftfeuchte (%)']).toBe(1);
  });

  it('a weather-station export (Kestrel 5500 LiNK): device lines skipped, units row read, yyyy-MM-dd hh:mm:ss AM/PM', async () => {
    const { table, report } = await importCsv(fx('kestrel-5500-weather.csv'));
    expect(report).toMatchObject({ headerLine: 4, timeColumn: 'FORMATTED DATE_TIME', timeFormat: 'iso', rows: 36 });
    expect(report.skippedLines?.map((s) => [s.line, s.kind])).toEqual([
      [1, 'metadata'],
      [2, 'metadata'],
      [3, 'metadata'],
      [5, 'units'],
    ]);
    expect(units(table)).toMatchObject({ Temperature: '°C', 'Relative Humidity': '%', 'Barometric Pressure': 'hPa', 'Wind Speed': 'm/s', Altitude: 'm' });
    expect(report.skippedColumns).toEqual(['Data Type']);
    expect(iso(table.time![0])).toBe('2024-05-21T10:20:00.000Z');
    // 12:00:00 PM is noon and 01:15:00 PM is 13:15.
    expect(iso(table.time![20])).toBe('2024-05-21T12:00:00.000Z');
    expect(iso(table.time![35])).toBe('2024-05-21T13:15:00.000Z');
    expect(table.intervalMs).toBe(300_000);
    expect(first(table, 'Temperature')).toEqual([24.5, 24.6]);
  });
});

describe('files that still cannot be read say which line looked like the header and why', () => {
  it('metadata, a header and text rows: no numeric column, naming the header line', async () => {
    const path = join(tmp, 'text.csv');
    writeFileSync(path, 'Station: Hilltop\nSerial: 1234\nname,city,note\nAnna,Bern,a\nBea,Biel,b\n');
    const err = await importCsv(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/no numeric column found .*line 1 looked like the header.*no line splits into several fields of numbers or times/) });
  });

  it('a header without data rows below its units row says what it took for the header', async () => {
    const path = join(tmp, 'no-rows.csv');
    writeFileSync(path, 'Logger: X\ntime,temp\n');
    const err = await importCsv(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/line 1 looked like the header/) });
  });
});

describe('the header detector', () => {
  it('leaves a plain table as it is (same text, header on line 1)', () => {
    const text = 'time,temp\n2024-03-01T00:00:00Z,1\n2024-03-01T00:01:00Z,2\n';
    expect(detectLayout(text)).toMatchObject({ text, headerLine: 1, dataLine: 2, skipped: [], units: null });
  });

  it('keeps physical line numbers: skipped lines become empty lines', () => {
    const text = 'Plot Title: x\n\nt,v\ns,V\n1,2\n3,4\n';
    const layout = detectLayout(text);
    expect(layout.text).toBe('\n\nt,v\n\n1,2\n3,4\n');
    expect(layout.units).toEqual(['s', 'V']);
  });

  it('never skips a line of the table\'s width that holds a date (a data row with text cells)', () => {
    const text = 'time,status,note,v\n2024-03-01 00:00,ok,a b,1\n2024-03-01 00:01,ok,c d,2\n2024-03-01 00:02,,,3\n2024-03-01 00:03,,,4\n';
    expect(detectLayout(text).skipped).toEqual([]);
  });

  it('reads units and zones out of header names', () => {
    expect(headerName('Temp, °C (LGR S/N: 10737643, SEN S/N: 10737643, LBL: Air Temp)')).toEqual({ name: 'Temp Air Temp', unit: '°C' });
    expect(headerName('Host Connected (LGR S/N: 10737643)')).toEqual({ name: 'Host Connected', event: true });
    expect(headerName('Date Time, GMT+05:30')).toEqual({ name: 'Date Time', zoneOffsetMs: 330 * 60_000 });
    expect(headerName('Wind speed [m/s]')).toEqual({ name: 'Wind speed [m/s]', unit: 'm/s' });
    expect(headerName('Sensor (north)')).toEqual({ name: 'Sensor (north)' });
  });
});

describe('times with AM/PM and 2-digit years', () => {
  it('reads 12-hour clocks (12 AM is midnight, 12 PM noon) and 2-digit years', () => {
    const mdy = timeParser('mdy');
    expect(iso(mdy('07/29/16 12:26:34 AM'))).toBe('2016-07-29T00:26:34.000Z');
    expect(iso(mdy('07/29/16 12:26:34 PM'))).toBe('2016-07-29T12:26:34.000Z');
    expect(iso(mdy('07/29/16 01:26:34 PM'))).toBe('2016-07-29T13:26:34.000Z');
    expect(mdy('07/29/16 13:26:34 PM')).toBeNaN();
    expect(iso(timeParser('iso')('2024-05-21 10:20:00 p.m.'))).toBe('2024-05-21T22:20:00.000Z');
  });

  it('tells m/d from d/m by the steps between rows when no field is above 12', () => {
    expect(detectTimeFormat('time', ['06/01/24 11:00 PM', '06/02/24 12:00 AM', '06/02/24 01:00 AM'])).toBe('mdy');
    expect(detectTimeFormat('time', ['01/06/24 23:00', '02/06/24 00:00', '02/06/24 01:00'])).toBe('dmy');
  });
});
