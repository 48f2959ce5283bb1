// Exports in the source file's dialect (issue 13 item 2): the dialect read off an import, the
// time layouts written back, and the goal test: an export of a file's forecasts imports again to
// the same times and values, for monthly, hourly and irregular-then-gridded data, in both dialects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { chooseDialect, fileDialect } from '../../../main/files/dialect';
import { forecastStepsCsv, formatForecastCsv } from '../../../main/files/forecast-csv';
import { layoutOf, timeWriter } from '../../../main/files/time-layout';
import { isStandardDialect, standardDialect, type CsvDialect } from '../../../shared/api/dialect';
import { seasonalNaiveForecast } from '../../../shared/eval/baselines';
import { futureTimes, timesAfter } from '../../../shared/series/time-grid';
import type { SeriesTable } from '../../../shared/table';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-dialect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const pad = (n: number) => String(n).padStart(2, '0');
const comma = (x: number) => String(x).replace('.', ',');

/** Monthly, `;` and decimal comma, dates like 01.01.1949 (AirPassengers' first years). */
function monthlyFile(): string {
  const lines = ['Datum;Passagiere'];
  for (let i = 0; i < 48; i++) lines.push(`01.${pad((i % 12) + 1)}.${1949 + Math.floor(i / 12)};${comma(112 + i * 2.5 + (i % 12) * 7.25)}`);
  return file('monthly-de.csv', `${lines.join('\r\n')}\r\n`);
}

/** Hourly local times, `;` and decimal comma, after Excel's `sep=;` line. */
function hourlyFile(): string {
  const lines = ['sep=;', 'Zeit;Temperatur °C;Feuchte'];
  for (let i = 0; i < 96; i++) {
    const d = new Date(Date.UTC(2024, 2, 1, i));
    lines.push(`${pad(d.getUTCDate())}.03.2024 ${pad(d.getUTCHours())}:00;${comma(Math.round((5 + 3 * Math.sin((i / 24) * 2 * Math.PI)) * 100) / 100)};${comma(60 + (i % 7) / 10)}`);
  }
  return file('hourly-de.csv', `${lines.join('\n')}\n`);
}

/** Irregular ISO times with a +01:00 offset, jittered around a 10 s grid: gridded on import. */
function irregularFile(): string {
  const lines = ['time,v'];
  const t0 = Date.UTC(2024, 4, 1, 8);
  for (let i = 0; i < 200; i++) {
    const local = new Date(t0 + i * 10_000 + ((i * 37) % 7) * 300 + 3_600_000);
    lines.push(`${local.toISOString().slice(0, 19)}+01:00,${(20 + Math.sin(i / 9)).toFixed(3)}`);
  }
  return file('irregular.csv', `${lines.join('\n')}\n`);
}

/** The app export's rows as the page builds them: a past forecast next to what happened, and one ahead. */
function appRows(table: SeriesTable, period: number, horizon: number): [number, number | null, number | null, number | null, number | null, number | null, number | null][] {
  const y = table.channels[0].values;
  const n = y.length;
  const step = table.intervalMs!;
  const rows: ReturnType<typeof appRows> = [];
  for (const end of [n - horizon, n]) {
    const f = seasonalNaiveForecast(y.subarray(0, end), horizon, period);
    const times = timesAfter(table.time![end - 1], step, horizon);
    for (let h = 0; h < horizon; h++) {
      const actual = end + h < n ? y[end + h] : null;
      rows.push([times[h], actual, f[h], f[h] - 1.25, f[h] + 1.25, y[end - 1], actual === null ? null : actual - f[h]]);
    }
  }
  return rows;
}

async function roundTrip(name: string, text: string) {
  const back = await importCsv(file(name, text));
  return back;
}

const CASES = [
  { label: 'monthly', make: monthlyFile, period: 12, horizon: 12, sourceTime: /^01\.\d\d\.19\d\d$/, delimiter: ';' },
  { label: 'hourly', make: hourlyFile, period: 24, horizon: 24, sourceTime: /^\d\d\.03\.2024 \d\d:00$/, delimiter: ';' },
  { label: 'irregular-then-gridded', make: irregularFile, period: 30, horizon: 30, sourceTime: /^2024-05-01T\d\d:\d\d:\d\d\+01:00$/, delimiter: ',' },
] as const;

describe('exports in the source dialect round-trip (issue 13 goal)', () => {
  for (const c of CASES) {
    for (const choice of ['source', 'standard'] as const) {
      it(`${c.label}, ${choice} dialect: the app's export and the CLI's imported again give the same times and values`, async () => {
        const { table, report } = await importCsv(c.make());
        expect(table.intervalMs).not.toBeNull();
        const source = await fileDialect(report);
        const dialect: CsvDialect = chooseDialect(choice, source);
        const rows = appRows(table, c.period, c.horizon);
        const csv = formatForecastCsv('v', rows, dialect);
        const lines = csv.trimEnd().split('\n');
        const firstTime = lines[1].split(dialect.delimiter)[0];
        if (choice === 'source') {
          expect(firstTime).toMatch(c.sourceTime);
          expect(lines[0].split(c.delimiter)).toHaveLength(7);
        } else {
          expect(lines[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
          expect(firstTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        }
        if (source.decimal === ',' && choice === 'source') expect(lines[1]).toMatch(/;-?\d+,\d+;/);

        // Forecast steps overlap no time (past segment, then ahead): import without regridding.
        const back = await roundTrip(`${c.label}-${choice}-app.csv`, csv);
        expect(back.report.delimiter).toBe(dialect.delimiter);
        expect(back.report.decimal).toBe(dialect.decimal);
        expect(Array.from(back.table.time!)).toEqual(rows.map((r) => r[0]));
        expect(back.table.channels.map((ch) => ch.name)).toEqual(['actual', 'forecast', 'lower', 'upper', 'baseline', 'residual']);
        for (let j = 0; j < 6; j++) expect(Array.from(back.table.channels[j].values)).toEqual(rows.map((r) => r[j + 1] ?? Number.NaN));

        // The CLI's forecast file: 7 significant digits.
        const times = futureTimes(table, c.horizon) as number[];
        const f = seasonalNaiveForecast(table.channels[0].values, c.horizon, c.period);
        const cli = forecastStepsCsv(table, times, { mean: f, lower: f.map((x) => x - 1 / 3), upper: f.map((x) => x + 1 / 3) }, choice === 'source' ? dialect : null);
        const cliBack = await roundTrip(`${c.label}-${choice}-cli.csv`, cli);
        expect(Array.from(cliBack.table.time!)).toEqual(times);
        const [, forecast, lower] = cliBack.table.channels;
        expect(Array.from(forecast.values)).toEqual(f.map((x) => Number(x.toPrecision(7))));
        expect(Array.from(lower.values)).toEqual(f.map((x) => Number((x - 1 / 3).toPrecision(7))));
      });
    }
  }

  it('a HOBOware file (m/d/yy, AM/PM, the zone in the column name) exports in its own layout and reads back the same', async () => {
    const { table, report } = await importCsv('test/fixtures/csv/loggers/hoboware-u23-temp-rh.csv');
    const d = await fileDialect(report);
    expect(d.time).toMatchObject({ kind: 'mdy', year2: true, ampm: true, zone: 'name', offsetMinutes: -240 });
    expect(d.label).toBe('comma and decimal point, times like 03/01/24 01:00:00 PM (UTC-04:00)');
    // Forecasts over midnight: 06/01 then 06/02 step by a day as m/d (by a month as d/m).
    const rows = appRows(table, 4, 60);
    const csv = formatForecastCsv('Temp', rows, d);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('time (UTC-04:00),actual,forecast,lower,upper,baseline,residual');
    expect(lines[1]).toMatch(/^06\/0[12]\/24 \d\d:\d\d:00 [AP]M,/);
    const back = await roundTrip('hobo-back.csv', csv);
    expect(back.report.timeFormat).toBe('mdy');
    expect(Array.from(back.table.time!)).toEqual(rows.map((r) => r[0]));
  });

  it('dates that would read back the other way round (06/02/24 on every row) are written as ISO with the same wall clock', async () => {
    const { table, report } = await importCsv('test/fixtures/csv/loggers/hoboware-u23-temp-rh.csv');
    const rows = appRows(table, 4, 8);
    const csv = formatForecastCsv('Temp', rows, await fileDialect(report));
    expect(csv.split('\n')[0]).toBe('t,actual,forecast,lower,upper,baseline,residual');
    expect(csv.split('\n')[1]).toMatch(/^2024-06-02 \d\d:\d\d:00-04:00,/);
    const back = await roundTrip('hobo-one-day.csv', csv);
    expect(Array.from(back.table.time!)).toEqual(rows.map((r) => r[0]));
  });
});

describe('time layouts', () => {
  it('are read off one value of the file', () => {
    expect(layoutOf('iso', '1949-01')).toMatchObject({ kind: 'iso', date: 'ym', clock: 'none', zone: 'none' });
    expect(layoutOf('iso', '2024-05-21 10:20:00 AM')).toMatchObject({ joiner: ' ', clock: 'hms', ampm: true, zone: 'none' });
    expect(layoutOf('dmy', '1.3.2024 9:05')).toMatchObject({ kind: 'dmy', dateSep: '.', pad: false, clock: 'hm' });
    expect(layoutOf('epoch-s', '1709294400')).toMatchObject({ kind: 'epoch-s', fraction: 0 });
    expect(layoutOf(null, undefined).kind).toBe('index');
  });

  it('widen only where a time needs it, so it reads back the same', () => {
    const write = timeWriter(layoutOf('dmy', '01.03.2024 12:00'));
    expect(write(Date.UTC(2024, 2, 1, 13, 5))).toBe('01.03.2024 13:05');
    expect(write(Date.UTC(2024, 2, 1, 13, 5, 1, 500))).toBe('01.03.2024 13:05:01.500');
    expect(write(null)).toBe('');
    const monthly = timeWriter(layoutOf('iso', '1949-01'));
    expect(monthly(Date.UTC(1961, 0, 1))).toBe('1961-01');
    expect(monthly(Date.UTC(1961, 0, 15))).toBe('1961-01-15');
    expect(timeWriter(layoutOf('mdy', '07/29/16 10:26:34 AM'))(Date.UTC(2071, 0, 1, 0, 0))).toBe('01/01/2071 12:00:00 AM');
    expect(timeWriter(layoutOf('epoch-s', '1709294400'))(1_709_294_400_500)).toBe('1709294400.5');
  });

  it('the standard dialect is comma, point and ISO UTC; row numbers without a clock', () => {
    expect(isStandardDialect(standardDialect())).toBe(true);
    expect(formatForecastCsv('x', [[3, 1, 2, 1, 3, null, -1]], standardDialect(false))).toBe('index,actual,forecast,lower,upper,baseline,residual\n3,1,2,1,3,,-1\n');
  });
});
