// `sensorcast evaluate` as a user runs it: the rolling-origin table and --json (the accuracy
// figures themselves are asserted in test/shared/eval/accuracy.test.ts).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { runCli as cli } from '../../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('sensorcast evaluate', () => {
  it('prints JSON with every method on the same origins', async () => {
    const r = await cli('evaluate', 'test/fixtures/series/WWWusage.csv', '--horizon', '10', '--period', '1', '--origins', '2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      period: number;
      origins: { origin: number; picked: string }[];
      mean: Record<string, { mase: number; mae: number; rmse: number; smape: number }>;
      verdict: string;
    };
    expect(j.period).toBe(1);
    expect(j.origins.map((o) => o.origin)).toEqual([0, 1]);
    expect(Object.keys(j.mean)).toEqual(expect.arrayContaining(['naive', 'pick', 'seasonal-naive']));
    // With m = 1 seasonal naive is naive.
    expect(j.mean['seasonal-naive'].mase).toBeCloseTo(j.mean.naive.mase, 10);
    expect(j.verdict).toMatch(/seasonal naive/);
  });

  it('prints a table with the verdict, and skips origins by the 2m / 2H rule', async () => {
    const r = await cli('evaluate', 'test/fixtures/series/nottem.csv', '--horizon', '12', '--origins', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^seasonal-naive\s/m);
    expect(r.stdout).toMatch(/^naive\s/m);
    expect(r.stdout).toMatch(/verdict: /);
    const skipped = await cli('evaluate', 'test/fixtures/series/nottem.csv', '--horizon', '12', '--origins', '3', '--period', '115');
    expect(skipped.code).not.toBe(0);
    expect(skipped.stderr).toMatch(/no origin with a training part of at least 2m \(230\).*\[SERIES_TOO_SHORT\]/);
  });

  it('--test-from: one model, every origin of the test span, every forecast to --out', async () => {
    const out = join(dir, 'forecasts.csv');
    const r = await cli('evaluate', 'test/fixtures/series/nottem.csv', '--horizon', '6', '--test-from', '1936-01-01', '--test-to', '216', '--stride', '3', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trained on rows 0-191, 7 origins in rows 192-215 \(stride 3\), horizon 6/);
    expect(r.stdout).toMatch(/^linear( \(pick\))?\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+%$/m);
    expect(r.stdout).toMatch(/^seasonal-naive( \(pick\))?\s/m);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('origin,step,t,actual,forecast,lower,upper,method');
    const rows = lines.slice(1).map((l) => l.split(','));
    const methods = new Set(rows.map((c) => c[7]));
    expect(rows).toHaveLength(7 * 6 * methods.size);
    // Origins 192, 195, ..., 210; the last origin is test-to - H; step 1..H; t is the forecast row's month.
    expect([...new Set(rows.map((c) => Number(c[0])))]).toEqual([192, 195, 198, 201, 204, 207, 210]);
    const first = rows.find((c) => c[0] === '192' && c[1] === '1')!;
    expect(first[2]).toBe('1936-01-01');
    for (const c of rows) expect(Number(c[5])).toBeLessThanOrEqual(Number(c[4]));
  });

  const bad: [string, string[], RegExp][] = [
    ['--test-from outside the data', ['--horizon', '6', '--test-from', '5000'], /--test-from must be a row between 2 and 239.*\[BAD_OPTION\]/],
    ['--test-from after the last time', ['--horizon', '6', '--test-from', '2050-01-01'], /after the last row.*\[BAD_OPTION\]/],
    ['a test span shorter than the horizon', ['--horizon', '12', '--test-from', '230'], /shorter than the horizon.*\[BAD_HORIZON\]\nhint: use --horizon 10/],
    ['a time budget of 0', ['--horizon', '6', '--budget', '0'], /--budget must be a time span above 0.*\[BAD_OPTION\]/],
    ['--out without --test-from', ['--horizon', '6', '--out', 'x.csv'], /--out needs --test-from/],
    ['--out into a missing folder', ['--horizon', '6', '--test-from', '200', '--out', join(dir, 'no-such-folder', 'f.csv')], /^sensorcast evaluate: --out \S+: the folder \S+no-such-folder does not exist \[BAD_OPTION\]\nhint: create it first[^\n]*\n$/],
    ['a period longer than half the series', ['--horizon', '6', '--period', '200'], /longer than half the series.*\[BAD_OPTION\]/],
  ];
  it.each(bad)('bad input, %s: one line, non-zero exit, no stack trace', async (_name, args, message) => {
    const r = await cli('evaluate', 'test/fixtures/series/nottem.csv', ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('requires --horizon', async () => {
    const r = await cli('evaluate', 'test/fixtures/series/nottem.csv');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--horizon/);
  });
});
