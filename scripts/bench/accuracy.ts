// Benchmark of forecast accuracy on the README's real series (run by `npm run bench -- accuracy`):
// the rolling-origin protocol of ../shared/data/README.md (5 origins) through the same code as
// `sensorcast evaluate FILE --horizon H`, on the copies in test/fixtures/series. Prints, per
// series, the mean MASE of every method with the 90 % interval coverage beside it (the share of
// held-out points inside the method's interval, over all origins), the methods picked and the
// wall time; the last stdout line is one JSON object of the figures. Deterministic apart from
// the times (fixed seed; the time budget is not reached on these series), printed with the load
// average. SERIES=name,... runs some.
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { initBackend } from '../../main/cli/backend';
import { loadSeries } from '../../main/cli/engine-cli';
import { backtest, BACKTEST_METHODS } from '../../shared/eval/backtest';

interface Case {
  name: string;
  horizon: number;
  period?: number;
  column?: string;
  covariates?: string[];
}

const CASES: Case[] = [
  { name: 'nottem', horizon: 12 },
  { name: 'AirPassengers', horizon: 12 },
  { name: 'elnino', horizon: 12 },
  { name: 'sunspot.month', horizon: 12 },
  { name: 'beaver1', horizon: 10, period: 1 },
  { name: 'WWWusage', horizon: 10, period: 1 },
  { name: 'airquality', horizon: 7, column: 'Ozone', covariates: ['Solar.R', 'Wind', 'Temp'] },
];

const pct = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '   -' : `${Math.round(100 * x)}%`.padStart(4));

async function main(): Promise<void> {
  await initBackend('wasm');
  const only = process.env.SERIES?.split(',');
  const figures: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
    const series = await loadSeries(join(process.cwd(), 'test/fixtures/series', `${c.name}.csv`), c.column, c.covariates ?? []);
    const started = Date.now();
    const r = await backtest(series.table, series.target, { horizon: c.horizon, period: c.period, covariates: series.covariates });
    const wall = (Date.now() - started) / 1000;
    const per: Record<string, unknown> = {};
    const cells: string[] = [];
    for (const method of BACKTEST_METHODS) {
      const m = r.mean[method];
      if (!m) continue;
      const cov = r.methodCoverage[method];
      per[method] = { mase: Number(m.mase.toFixed(3)), coverage: cov === undefined ? null : Number(cov.toFixed(3)) };
      cells.push(`${method} ${m.mase.toFixed(3)} (${pct(cov).trim()})`);
    }
    const picks = r.origins.map((o) => o.picked ?? '-').join(',');
    const stops = r.origins.map((o) => o.stopReason ?? '-').join(',');
    const trainSeconds = r.origins.map((o) => o.trainSeconds ?? 0);
    lines.push(`${c.name.padEnd(14)} m=${r.period} H=${c.horizon}  ${cells.join('  ')}  picks ${picks} (LSTM stopped: ${stops})  wall ${wall.toFixed(1)} s (longest fit ${Math.max(...trainSeconds).toFixed(1)} s)`);
    figures[c.name] = { ...per, picks, stops, wallSeconds: Number(wall.toFixed(2)), longestFitSeconds: Number(Math.max(...trainSeconds).toFixed(2)) };
  }
  figures.loadavg = Number(loadavg()[0].toFixed(1));
  process.stderr.write(`Rolling-origin MASE (mean over origins) and 90 % interval coverage in parentheses (load ${figures.loadavg})\n${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`accuracy bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
