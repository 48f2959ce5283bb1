// `sensorcast forecast` as a user runs it (node bin/sensorcast.js): the CSV it writes, the saved
// model, covariates, and one clear line + hint (no stack trace) for each kind of bad input.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { loadModelDir } from '../../../main/cli/model-dir';
import { loadBundle } from '../../../shared/model';
import { backendReady } from '../../shared/model/helpers';
import { runCli as cli } from '../../support/run-cli';

const exec = promisify(execFile);

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-forecast-'));
const fixture = (name: string): string => join('test/fixtures/series', `${name}.csv`);

function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sensorcast forecast', () => {
  it('writes step,t,forecast,lower,upper for the held-out year and saves a model that loads', async () => {
    const out = join(dir, 'air.csv');
    const modelDir = join(dir, 'air-model');
    const r = await cli('forecast', fixture('AirPassengers'), '--horizon', '12', '--holdout', '12', '--out', out, '--save-model', modelDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('step,t,forecast,lower,upper');
    expect(lines).toHaveLength(13);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((c) => c[1])).toEqual(Array.from({ length: 12 }, (_, i) => `1960-${String(i + 1).padStart(2, '0')}-01`));
    for (const [, , f, lo, hi] of rows) {
      expect(Number(lo)).toBeLessThanOrEqual(Number(f));
      expect(Number(hi)).toBeGreaterThanOrEqual(Number(f));
    }
    expect(r.stderr).toMatch(/picked (lstm|ensemble|linear|seasonal-naive|naive)/);
    expect(r.stderr).toMatch(/holdout MAE over 12 point/);
    // stderr is a pipe here, not a TTY: no progress bar.
    expect(r.stderr).not.toMatch(/epoch \d+\/\d+/);
    expect(existsSync(join(modelDir, 'model.json')) && existsSync(join(modelDir, 'weights.bin'))).toBe(true);
    await backendReady;
    const model = await loadBundle(await loadModelDir(modelDir));
    expect(model.info).toMatchObject({ target: 'value', horizon: 12, period: 12 });
    model.dispose();
  });

  it('forecasts with a saved model (--model), without training, and refuses one that does not fit', async () => {
    const modelDir = join(dir, 'saved-model');
    const saved = await cli('forecast', fixture('AirPassengers'), '--horizon', '12', '--holdout', '12', '--save-model', modelDir, '--out', join(dir, 'first.csv'));
    expect(saved.code).toBe(0);
    const r = await cli('forecast', fixture('AirPassengers'), '--model', modelDir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('step,t,forecast,lower,upper');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toMatch(/^1,1961-01-01,/);
    expect(r.stderr).toMatch(new RegExp(`model from ${modelDir}: value`));
    const wrongH = await cli('forecast', fixture('AirPassengers'), '--model', modelDir, '--horizon', '24');
    expect(wrongH.code).not.toBe(0);
    expect(wrongH.stderr).toMatch(/forecasts 12 steps, not 24.*\[BAD_HORIZON\]/);
    const wrongColumn = await cli('forecast', fixture('airquality'), '--model', modelDir, '--column', 'Ozone');
    expect(wrongColumn.code).not.toBe(0);
    expect(wrongColumn.stderr).toMatch(/forecasts "value", not "Ozone"/);
    const missing = await cli('forecast', fixture('AirPassengers'), '--model', join(dir, 'no-such-model'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('forecasts from covariates, and leaves t empty without a time column', async () => {
    const r = await cli('forecast', fixture('airquality'), '--column', 'Ozone', '--covariates', 'Solar.R,Wind,Temp', '--horizon', '3');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    const noClock = csvFile('index.csv', `i,v\n${Array.from({ length: 80 }, (_, i) => `${i + 1},${(10 + 5 * Math.sin(i / 2) + (i % 3)).toFixed(2)}`).join('\n')}\n`);
    const r2 = await cli('forecast', noClock, '--column', 'v', '--horizon', '2', '--period', '1');
    expect(r2.code).toBe(0);
    expect(r2.stdout.trim().split('\n')[1]).toMatch(/^1,,/);
  });

  it('writes in the input file\'s dialect (`;`, decimal comma, its time format) unless --dialect standard', async () => {
    const rows = Array.from({ length: 96 }, (_, i) => `${String(1 + Math.floor(i / 24)).padStart(2, '0')}.03.2024 ${String(i % 24).padStart(2, '0')}:00;${(5 + 3 * Math.sin((i / 24) * 2 * Math.PI)).toFixed(2).replace('.', ',')}`);
    const file = csvFile('hourly-de.csv', `Zeit;Temperatur °C\n${rows.join('\n')}\n`);
    const source = await cli('forecast', file, '--horizon', '3', '--budget', '2s');
    expect(source.code).toBe(0);
    const lines = source.stdout.trim().split('\n');
    expect(lines[0]).toBe('step;t;forecast;lower;upper');
    expect(lines[1]).toMatch(/^1;05\.03\.2024 00:00;-?\d+(,\d+)?;/);
    const standard = await cli('forecast', file, '--horizon', '3', '--budget', '2s', '--dialect', 'standard');
    expect(standard.stdout.trim().split('\n')[1]).toMatch(/^1,2024-03-05T00:00:00\.000Z,-?\d+(\.\d+)?,/);
    const bad = await cli('forecast', file, '--horizon', '3', '--dialect', 'excel');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--dialect must be source or standard, got "excel" \[BAD_OPTION\]/);
  });

  it('forecasts a short series with a baseline and says why; takes the horizon as a time span', async () => {
    const r = await cli('forecast', csvFile('short.csv', 't,value\n1,1\n2,3\n3,2\n4,5\n5,4\n6,6\n'), '--horizon', '3');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    expect(r.stderr).toMatch(/too short for the LSTM/);
    const monthly = await cli('forecast', fixture('AirPassengers'), '--horizon', '1y', '--budget', '5s');
    expect(monthly.code).toBe(0);
    expect(monthly.stdout.trim().split('\n')).toHaveLength(13);
    expect(monthly.stderr).toMatch(/seasons: yearly 12 rows/);
    expect(monthly.stderr).toMatch(/trained in [\d.]+ s/);
  });

  it('trains on the trainer asked for (--trainer), and says which ran', async () => {
    const tfjs = await cli('forecast', fixture('nottem'), '--horizon', '3', '--budget', '5s', '--trainer', 'tfjs');
    expect(tfjs.code).toBe(0);
    expect(tfjs.stderr).toMatch(/LSTM \d+ units over \d+ rows, \d+ epochs \([a-z-]+\) on tfjs (wasm|cpu);/);
    const kernel = await cli('forecast', fixture('nottem'), '--horizon', '3', '--budget', '5s', '--trainer', 'kernel');
    expect(kernel.stderr).toMatch(/ on kernel \(wasm SIMD/);
  });

  it('shows a progress bar on a TTY', async () => {
    // util-linux `script` gives the command a pseudo-terminal.
    const out = join(dir, 'tty.csv');
    const command = `${process.execPath} bin/sensorcast.js forecast ${fixture('AirPassengers')} --horizon 3 --out ${out}`;
    const { stdout } = await exec('script', ['-qec', command, '/dev/null'], { timeout: 120_000 });
    expect(stdout).toMatch(/training .*epoch 1\/60 loss/);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('step,t,forecast,lower,upper');
  });

  const bad: [string, () => string[], RegExp][] = [
    ['unknown column', () => [fixture('nottem'), '--horizon', '3', '--column', 'temp'], /no column named "temp".*\[UNKNOWN_COLUMN\]\nhint: columns are: value/],
    ['horizon 0', () => [fixture('nottem'), '--horizon', '0'], /horizon must be a whole number of steps >= 1.*\[BAD_HORIZON\]/],
    ['horizon not a number', () => [fixture('nottem'), '--horizon', 'soon'], /--horizon must be a number of steps or a time span \(1h, 2d, 90s\), got "soon"/],
    ['a single usable value', () => [csvFile('one.csv', 't,value\n1,\n2,3\n3,\n'), '--horizon', '3'], /1 usable value.*\[SERIES_TOO_SHORT\]/],
    ['a time horizon on data without a clock', () => [fixture('WWWusage'), '--horizon', '1h'], /no clock to convert it to steps.*\[BAD_HORIZON\]/],
    ['a period that is no number', () => [fixture('nottem'), '--horizon', '3', '--period', 'weekly'], /neither a number of rows nor a time span.*\[BAD_OPTION\]/],
    ['constant series', () => [csvFile('flat.csv', `t,value\n${Array.from({ length: 60 }, (_, i) => `${i + 1},7`).join('\n')}\n`), '--horizon', '3'], /constant.*\[CONSTANT_SERIES\]/],
    ['non-numeric column', () => [csvFile('text.csv', `t,value,label\n${Array.from({ length: 60 }, (_, i) => `${i + 1},${i % 7},x${i}`).join('\n')}\n`), '--horizon', '3', '--column', 'label'], /column "label" is not numeric.*\[NOT_NUMERIC\]/],
    ['missing file', () => [join(dir, 'nope.csv'), '--horizon', '3'], /No such file.*\[FILE_NOT_FOUND\]/],
    ['no training threads', () => [fixture('nottem'), '--horizon', '3', '--threads', '0'], /--threads must be 1 to 64, got 0 \[BAD_OPTION\]\nhint: pass e\.g\. --threads \d/],
    ['threads that are no number', () => [fixture('nottem'), '--horizon', '3', '--threads', 'many'], /--threads.*"many".*\[BAD_OPTION\]/],
    ['an unknown trainer', () => [fixture('nottem'), '--horizon', '3', '--trainer', 'gpu'], /--trainer must be auto, kernel or tfjs, got "gpu" \[BAD_OPTION\]\nhint: pass e\.g\. --trainer tfjs/],
  ];
  it.each(bad)('bad input, %s: one line + hint, non-zero exit, no stack trace', async (_name, args, message) => {
    const r = await cli('forecast', ...args());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  const badOutput: [string, () => string[], RegExp][] = [
    ['--out into a missing folder', () => ['--out', join(dir, 'no-such-folder', 'f.csv')], /^sensorcast forecast: --out \S+: the folder \S+no-such-folder does not exist \[BAD_OPTION\]\nhint: create it first/],
    ['--out naming a folder', () => ['--out', dir], /^sensorcast forecast: --out \S+ is a folder, not a file \[BAD_OPTION\]\nhint: name a file/],
    ['--save-model under a file', () => ['--save-model', join(csvFile('plain.txt', 'x'), 'model')], /^sensorcast forecast: --save-model \S+: \S+plain.txt is a file, not a folder \[BAD_OPTION\]\nhint: pick another --save-model/],
  ];
  it.each(badOutput)('bad output path, %s: checked before training, one line + hint, exit 1', async (_name, args, message) => {
    const r = await cli('forecast', fixture('AirPassengers'), '--horizon', '3', ...args());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    // Nothing trained: the message and its hint are all that is printed.
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stdout).toBe('');
  });
});
