// CLI command `sensorcast evaluate <file>`: the rolling-origin backtest (shared/eval/backtest.ts)
// of the LSTM, the engine's pick, seasonal naive and naive, as a table or JSON.
import type { Command } from 'commander';

import { backtest, BACKTEST_METHODS, type BacktestResult } from '../../../shared/model';
import { loadSeries, parseIntOption, parseList, progressBar, reportFailure, startBackend } from '../engine-cli';

import type { CommandRegistrar } from './index';

interface EvaluateFlags {
  column?: string;
  covariates?: string;
  horizon: string;
  origins?: string;
  period?: string;
  seed?: string;
  json?: boolean;
}

const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(3));

/** The human-readable report. */
export function formatBacktest(r: BacktestResult, file: string, seconds: number): string {
  const out: string[] = [];
  out.push(`${file}: "${r.target}", ${r.rows} rows, horizon ${r.horizon}, season ${r.period} (${r.periodSource}), ${r.origins.length} origin(s)${r.skipped.length ? `, skipped ${r.skipped.join(',')} (training part < 2m or 2H)` : ''}`);
  out.push('');
  out.push(`${'method'.padEnd(16)}${'MAE'.padStart(10)}${'RMSE'.padStart(10)}${'sMAPE'.padStart(10)}${'MASE'.padStart(10)}   MASE per origin (k = ${r.origins.map((o) => o.origin).join(', ')})`);
  for (const m of BACKTEST_METHODS) {
    const s = r.mean[m];
    if (!s) continue;
    const per = r.origins.map((o) => f3(o.metrics[m]?.mase)).join(' ');
    out.push(`${m.padEnd(16)}${f3(s.mae).padStart(10)}${f3(s.rmse).padStart(10)}${f3(s.smape).padStart(10)}${f3(s.mase).padStart(10)}   ${per}`);
  }
  out.push('');
  out.push(`picked per origin: ${r.origins.map((o) => o.picked ?? `none (${o.error ?? '?'})`).join(', ')}`);
  if (r.coverage) out.push(`interval coverage of the pick: ${(r.coverage.observed * 100).toFixed(0)}% of test points (nominal ${(r.coverage.level * 100).toFixed(0)}%)`);
  out.push(`verdict: ${r.verdict}`);
  out.push(`time: ${seconds.toFixed(1)} s`);
  return `${out.join('\n')}\n`;
}

async function runEvaluate(file: string, flags: EvaluateFlags): Promise<void> {
  const horizon = parseIntOption('horizon', flags.horizon) as number;
  const series = await loadSeries(file, flags.column, parseList(flags.covariates));
  await startBackend();
  const bar = progressBar('backtest');
  const started = Date.now();
  let origin = '';
  let result: BacktestResult;
  try {
    const seed = parseIntOption('seed', flags.seed);
    result = await backtest(series.table, series.target, {
      horizon,
      period: parseIntOption('period', flags.period),
      origins: parseIntOption('origins', flags.origins) ?? 5,
      covariates: series.covariates,
      train: seed === undefined ? {} : { seed },
      onOrigin: (k, total) => {
        origin = `origin ${k + 1}/${total} `;
      },
      onProgress: (p) => bar.update(p, origin),
    });
  } finally {
    bar.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  if (flags.json) {
    const { origins, ...summary } = result;
    const slim = origins.map(({ origin: k, trainRows, metrics, picked, coverage, error }) => ({ origin: k, trainRows, metrics, picked, coverage, error }));
    process.stdout.write(`${JSON.stringify({ file, seconds, ...summary, origins: slim }, null, 2)}\n`);
  } else {
    process.stdout.write(formatBacktest(result, file, seconds));
  }
}

export const registerEvaluate: CommandRegistrar = (program: Command) => {
  program
    .command('evaluate')
    .description('rolling-origin backtest: LSTM, the engine\'s pick, seasonal naive and naive (MAE, RMSE, sMAPE, MASE)')
    .argument('<file>', 'CSV/TSV file with a numeric column')
    .requiredOption('--horizon <H>', 'steps ahead to forecast at each origin')
    .option('--column <name>', 'column to forecast (default: the first numeric column)')
    .option('--covariates <a,b>', 'other columns used as inputs (comma-separated)')
    .option('--origins <n>', 'number of rolling origins', '5')
    .option('--period <m>', 'season length in rows, also the MASE lag (default: from the timestamps / autocorrelation)')
    .option('--seed <n>', 'random seed (default 42)')
    .option('--json', 'print JSON instead of a table')
    .action(async (file: string, flags: EvaluateFlags) => {
      try {
        await runEvaluate(file, flags);
      } catch (err) {
        reportFailure('evaluate', err);
      }
    });
};
