// Benchmark of forecast accuracy on the README's real series (run by `npm run bench -- accuracy`):
// the rolling-origin protocol of ../shared/data/README.md (5 origins) through the same code as
// `sensorcast evaluate FILE --horizon H`, on the copies in test/fixtures/series. Prints, per
// series, the mean MASE of every method with the 90 % interval coverage beside it (the share of
// held-out points inside the method's interval, over all origins), the methods picked and the
// wall time; the last stdout line is one JSON object of the figures. Deterministic apart from
// the times (fixed seed; the time budget is not reached on these series), printed with the load
// average. SERIES=name,... runs some. ORIGINS=N (more than 5) also scores the origins before the
// README's (k = 5..N-1, one horizon earlier each; those whose training part still gets every
// method), for the long series a sample 7 times the README's 60 points, on which engine choices
// are judged without looking at the README's origins.
// It reads only what every engine version's backtest returns, so a copy of it (with bench.mjs)
// runs in an older checkout too: how the README compares engines.
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { initBackend } from '../../main/cli/backend';
import { loadSeries } from '../../main/cli/engine-cli';
import { backtest, type BacktestResult } from '../../shared/eval/backtest';

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

/** The README's origins: k = 0..4. */
const README_ORIGINS = 5;
const METHODS = ['lstm', 'linear', 'pick', 'seasonal-naive', 'naive'];

type Origin = BacktestResult['origins'][number];
interface Figure {
  mase: number;
  coverage: number | null;
}

const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(100 * x)}%`);

/** Mean MASE of every method over `origins`, with the share of their test points inside its interval (older engines: the pick's only). */
function summarize(origins: Origin[]): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  for (const method of METHODS) {
    const scored = origins.filter((o) => (o.metrics as Record<string, { mase: number } | undefined>)[method]);
    if (!scored.length) continue;
    const mase = scored.reduce((s, o) => s + (o.metrics as Record<string, { mase: number }>)[method].mase, 0) / scored.length;
    const counts = scored.map((o) => (o as Partial<Origin>).inside?.[method as keyof Origin['inside']]).filter((c): c is [number, number] => c !== undefined);
    const total = counts.reduce((a, c) => a + c[1], 0);
    const pickCov = scored.map((o) => o.coverage).filter((c): c is number => c !== undefined);
    const coverage = total ? counts.reduce((a, c) => a + c[0], 0) / total : method === 'pick' && pickCov.length ? pickCov.reduce((a, b) => a + b, 0) / pickCov.length : null;
    out[method] = { mase: Number(mase.toFixed(3)), coverage: coverage === null ? null : Number(coverage.toFixed(3)) };
  }
  return out;
}

const cells = (f: Record<string, Figure>): string => Object.entries(f).map(([m, x]) => `${m} ${x.mase.toFixed(3)} (${pct(x.coverage)})`).join('  ');
const picksOf = (origins: Origin[]): string => origins.map((o) => o.picked ?? '-').join(',');

async function main(): Promise<void> {
  await initBackend('wasm');
  const only = process.env.SERIES?.split(',');
  const origins = Math.max(README_ORIGINS, Number(process.env.ORIGINS ?? README_ORIGINS));
  const figures: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
    const series = await loadSeries(join(process.cwd(), 'test/fixtures/series', `${c.name}.csv`), c.column, c.covariates ?? []);
    const started = Date.now();
    const r = await backtest(series.table, series.target, { horizon: c.horizon, period: c.period, covariates: series.covariates, origins });
    const wall = (Date.now() - started) / 1000;
    const readme = r.origins.filter((o) => o.origin < README_ORIGINS);
    const per = summarize(readme);
    const stops = readme.map((o) => (o as Partial<Origin>).stopReason ?? '-').join(',');
    const longest = Math.max(0, ...readme.map((o) => (o as Partial<Origin>).trainSeconds ?? 0));
    lines.push(`${c.name.padEnd(14)} m=${r.period} H=${c.horizon}  ${cells(per)}  picks ${picksOf(readme)} (LSTM stopped: ${stops})  wall ${wall.toFixed(1)} s (longest fit ${longest.toFixed(1)} s)`);
    const entry: Record<string, unknown> = { ...per, picks: picksOf(readme), stops, wallSeconds: Number(wall.toFixed(2)), longestFitSeconds: Number(longest.toFixed(2)) };
    // Compared on equal terms: the earlier origins with every method of the newest one (shorter training parts lack the LSTM, then the linear method).
    const full = Object.keys(r.origins[0]?.metrics ?? {});
    const earlier = r.origins.filter((o) => o.origin >= README_ORIGINS && full.every((m) => m in o.metrics));
    if (origins > README_ORIGINS) {
      const picks: Record<string, number> = {};
      for (const o of earlier) picks[o.picked ?? '-'] = (picks[o.picked ?? '-'] ?? 0) + 1;
      entry.earlier = { origins: earlier.length, ...summarize(earlier), picks };
      lines.push(`${''.padEnd(14)} origins 5-${origins - 1} (${earlier.length} with every method): ${cells(summarize(earlier))}  picks ${JSON.stringify(picks)}`);
    }
    figures[c.name] = entry;
  }
  figures.loadavg = Number(loadavg()[0].toFixed(1));
  process.stderr.write(`Rolling-origin MASE (mean over origins) and 90 % interval coverage in parentheses (load ${figures.loadavg})\n${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`accuracy bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
