// `sensorcast evaluate` as a user runs it: the rolling-origin table and --json (the accuracy
// figures themselves are asserted in test/shared/eval/accuracy.test.ts).

import { describe, expect, it } from 'vitest';

import { runCli as cli } from '../../support/run-cli';



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
    expect(Object.keys(j.mean).sort()).toEqual(['lstm', 'naive', 'pick', 'seasonal-naive']);
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

  it('requires --horizon', async () => {
    const r = await cli('evaluate', 'test/fixtures/series/nottem.csv');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--horizon/);
  });
});
