import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { Recorder } from '../../../main/recorder/recorder';
import { trimTornLine } from '../../../main/recorder/torn-line';
import type { LiveRecorder } from '../../../main/session/recording';
import type { ErrorValue } from '../../../shared/errors';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-rec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);

describe('Recorder', () => {
  it('writes time + channels + gap rows that importCsv reads back (values, missing, gap)', async () => {
    const path = join(dir, 'basic', 'rec.csv');
    const r = new Recorder({ path });
    await r.start(['temp', 'hum']);
    r.write(['temp', 'hum'], [
      { t: T0, values: [20.5, 40] },
      { t: T0 + 1000, values: [20.6, Number.NaN] },
    ]);
    r.gap(T0 + 1500);
    r.write(['temp', 'hum'], [{ t: T0 + 5000, values: [21, 42] }]);
    await r.stop();
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(
      'time,temp,hum\n2026-11-27T03:00:00.000Z,20.5,40\n2026-11-27T03:00:01.000Z,20.6,\n2026-11-27T03:00:01.500Z,,\n2026-11-27T03:00:05.000Z,21,42\n',
    );
    const { table, report } = await importCsv(path);
    expect(report.timeFormat).toBe('iso');
    expect(table.channels.map((c) => c.name)).toEqual(['temp', 'hum']);
    expect(report.ragged.count + report.badTime.count).toBe(0);
    // On the 1 s grid the gap row and the lost seconds are missing, never 0.
    expect(table.intervalMs).toBe(1000);
    expect(Array.from(table.channels[0].values)).toEqual([20.5, 20.6, Number.NaN, Number.NaN, Number.NaN, 21]);
  });

  it('plugs into the session hub as its LiveRecorder', () => {
    const r: LiveRecorder = new Recorder({ path: join(dir, 'typed.csv') });
    expect(typeof r.write).toBe('function');
  });

  it('appends to an existing recording with the same header, and starts name-2.csv for other channels', async () => {
    const path = join(dir, 'append.csv');
    for (const v of [1, 2]) {
      const r = new Recorder({ path });
      await r.start(['a']);
      r.write(['a'], [{ t: T0 + v, values: [v] }]);
      await r.stop();
    }
    // The second run starts with a gap row: nothing was recorded between the two runs.
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('time,a');
    expect(lines[1]).toBe('2026-11-27T03:00:00.001Z,1');
    expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,$/);
    expect(lines[3]).toBe('2026-11-27T03:00:00.002Z,2');
    const other = new Recorder({ path });
    await other.start(['x', 'y']);
    other.write(['x', 'y'], [{ t: T0, values: [1, 2] }]);
    await other.stop();
    expect(other.info().path).toBe(join(dir, 'append-2.csv'));
    expect(readFileSync(join(dir, 'append-2.csv'), 'utf8')).toMatch(/^time,x,y\n/);
  });

  it('a channel appearing mid-recording continues in a new file, keeping every row', async () => {
    const path = join(dir, 'grow.csv');
    const r = new Recorder({ path });
    await r.start(['a']);
    r.write(['a'], [{ t: T0, values: [1] }]);
    r.write(['a', 'b'], [{ t: T0 + 1, values: [2, 3] }]);
    await r.stop();
    expect(readFileSync(path, 'utf8')).toBe('time,a\n2026-11-27T03:00:00.000Z,1\n');
    expect(readFileSync(join(dir, 'grow-2.csv'), 'utf8')).toBe('time,a,b\n2026-11-27T03:00:00.001Z,2,3\n');
  });

  it('disk full (/dev/full): recording stops visibly with DISK_FULL, write() never throws', async () => {
    const r = new Recorder({ path: '/dev/full', flushMs: 20 });
    const errors: ErrorValue[] = [];
    r.onError((e) => errors.push(e));
    await r.start(['a']);
    r.write(['a'], [{ t: T0, values: [1] }]);
    await r.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'DISK_FULL', hint: expect.stringMatching(/live view goes on/) });
    expect(r.error?.code).toBe('DISK_FULL');
    expect(() => r.write(['a'], [{ t: T0 + 1, values: [2] }])).not.toThrow();
    await r.stop();
  });

  it('unwritable folder: start() fails with RECORDING_FAILED and a hint', async () => {
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const r = new Recorder({ path: join(notADir, 'rec.csv') });
    await expect(r.start(['a'])).rejects.toMatchObject({ code: 'RECORDING_FAILED', hint: expect.stringMatching(/another folder/) });
  });

  it('trimTornLine cuts a file back to its last complete line', async () => {
    const path = join(dir, 'torn.csv');
    writeFileSync(path, 'time,a\n2026-11-27T03:00:00.000Z,1\n2026-11-27T03:0');
    expect(await trimTornLine(path)).toBe('time,a');
    expect(readFileSync(path, 'utf8')).toBe('time,a\n2026-11-27T03:00:00.000Z,1\n');
    writeFileSync(path, 'tim');
    expect(await trimTornLine(path)).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('kill -9 while recording: the file parses, the torn line is trimmed on the next open, at most ~1 s lost, the restart is a gap row', async () => {
    const bundle = join(dir, 'recorder-child.cjs');
    await build({
      entryPoints: [join(__dirname, '../../support/recorder-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'warning',
    });
    const path = join(dir, 'crash.csv');
    const child = spawn(process.execPath, [bundle, path], { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(__dirname, '../../..') });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 1500));
    const killedAt = Date.now();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const raw = readFileSync(path, 'utf8');
    const lines = raw.split('\n');
    // Every complete line is a full row: time + 2 values, the sequence unbroken.
    // The last element is '' (ends with a newline) or the torn line: either way not a complete row.
    const complete = lines.slice(1, -1);
    complete.forEach((l, i) => expect(l.split(',')[1]).toBe(String(i)));

    // At most about one second lost: the last complete row on disk is recent.
    const lastTime = Date.parse(complete[complete.length - 1].split(',')[0]);
    expect(killedAt - lastTime).toBeLessThan(1200);

    // The next open trims whatever was torn and appends after the last complete row, starting
    // with a gap row at the restart: the sequence jump is marked, as an unplug is.
    const again = new Recorder({ path });
    const restartedAt = Date.now();
    await again.start(['a', 'b']);
    // A live sample is stamped after the recorder opened (under load the open alone can take more than 10 ms).
    const firstT = Date.now() + 10;
    again.write(['a', 'b'], [{ t: firstT, values: [-1, -1] }]);
    await again.stop();
    const resumed = readFileSync(path, 'utf8');
    expect(resumed.endsWith('\n')).toBe(true);
    const after = resumed.split('\n').slice(1 + complete.length, -1);
    expect(after).toHaveLength(2);
    const [gapTime, ...gapValues] = after[0].split(',');
    expect(gapValues).toEqual(['', '']);
    expect(Date.parse(gapTime)).toBeGreaterThanOrEqual(restartedAt);
    expect(Date.parse(gapTime)).toBeLessThanOrEqual(firstT);
    expect(after[1].split(',').slice(1)).toEqual(['-1', '-1']);
    const { table, report } = await importCsv(path, { grid: false });
    expect(report.ragged.count + report.badTime.count + Object.keys(report.invalid).length).toBe(0);
    const a = Array.from(table.channels[0].values);
    expect(a).toHaveLength(complete.length + 2);
    expect(a.slice(-2)).toEqual([Number.NaN, -1]);
  });
});
