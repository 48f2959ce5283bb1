// CLI command `sensorcast evaluate <file>`: the rolling-origin backtest (shared/eval/backtest.ts)
// of the LSTM, the linear method, the engine's pick, seasonal naive and naive, as a table or JSON;
// with --test-from, the analyst's backtest of one model trained on the rows before the test span
// and forecasting from every origin in it (shared/eval/test-span.ts), optionally every forecast
// to a CSV file.
import { createWriteStream } from 'node:fs';

import type { Command } from 'commander';

import { evaluateTestSpan, type TestSpanResult } from '../../../shared/eval/test-span';
import { formatSpanTable, testSpanTable } from '../../../shared/eval/test-span-table';
import { backtest, BACKTEST_METHODS, EngineError, type BacktestResult } from '../../../shared/model';
import { rowCount } from '../../../shared/series/clean';
import type { SeriesTable } from '../../../shared/table';
import { EVALUATE_CSV_HEADER, evaluateRowsCsv, timeFormatter } from '../../files/forecast-csv';
import { addImportFlags, addThreadsFlag, describeModel, importOptionsOf, loadSeries, type ImportFlags, parseBudget, parseHorizon, parseIntOption, parseList, parsePeriodOption, progressBar, parseThreads, parseTrainer, reportFailure, startBackend } from '../engine-cli';
import { checkOutputFile } from '../output-path';

import type { CommandRegistrar } from './registrar';

interface EvaluateFlags extends ImportFlags {
  threads?: string;
  trainer?: string;
  column?: string;
  covariates?: string;
  horizon: string;
  origins?: string;
  period?: string;
  seed?: string;
  budget?: string;
  testFrom?: string;
  testTo?: string;
  stride?: string;
  out?: string;
  json?: boolean;
}

/** A row index (0-based over the data rows) or a time (the first row at or after it). */
export function parseRowOrTime(name: string, text: string, table: SeriesTable): number {
  const n = rowCount(table);
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new EngineError('BAD_OPTION', `--${name} must be a row number or a time (2017-01-01, 2017-01-01T06:00), got "${text}"`);
  if (!table.time) throw new EngineError('BAD_OPTION', `--${name} ${text} is a time, but the file has no time column`, `give a row number (0 to ${n - 1})`);
  const t = table.time;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= n) throw new EngineError('BAD_OPTION', `--${name} ${text} is after the last row of the data (${new Date(t[n - 1]).toISOString()})`, 'pick a time inside the data');
  return lo;
}

/** The report of a --test-from backtest (the table comes from shared/eval/test-span-table.ts). */
export function formatTestSpan(r: TestSpanResult, file: string): string {
  const out: string[] = [];
  out.push(`${file}: "${r.target}", ${r.rows} rows; trained on rows 0-${r.testFrom - 1}, ${r.origins} origins in rows ${r.testFrom}-${r.testTo - 1} (stride ${r.stride}), horizon ${r.horizon}`);
  out.push(describeModel(r.info));
  out.push(`picked ${r.info.pickReason}`);
  out.push('');
  out.push(...formatSpanTable(testSpanTable(r)));
  out.push(`time: training ${r.trainSeconds.toFixed(1)} s, forecasts ${r.forecastSeconds.toFixed(1)} s`);
  return `${out.join('\n')}\n`;
}

async function runTestSpan(file: string, flags: EvaluateFlags): Promise<void> {
  // Why: a bad output path must fail now, not after the whole training.
  if (flags.out) await checkOutputFile('--out', flags.out);
  const threads = parseThreads(flags.threads);
  const trainer = parseTrainer(flags.trainer);
  const series = await loadSeries(file, flags.column, parseList(flags.covariates), importOptionsOf(flags));
  const { table } = series;
  const horizon = parseHorizon(flags.horizon, table);
  const testFrom = parseRowOrTime('test-from', flags.testFrom!, table);
  const testTo = flags.testTo === undefined ? undefined : parseRowOrTime('test-to', flags.testTo, table);
  const stride = parseIntOption('stride', flags.stride) ?? 1;
  const period = parsePeriodOption(flags.period, table, testFrom);
  const budgetMs = parseBudget(flags.budget);
  const seed = parseIntOption('seed', flags.seed);
  await startBackend(threads);
  const target = table.channels.find((c) => c.name === series.target)!.values;
  const fmt = timeFormatter(table);
  const writer = flags.out ? createWriteStream(flags.out) : null;
  writer?.write(`${EVALUATE_CSV_HEADER}\n`);
  const bar = progressBar('training');
  let result: TestSpanResult;
  try {
    result = await evaluateTestSpan(table, series.target, {
      horizon,
      testFrom,
      testTo,
      stride,
      covariates: series.covariates,
      train: { period, budgetMs, seed, trainer },
      onProgress: (p) => bar.update(p),
      onForecast: writer
        ? (origin, method, r) => {
            const times = Array.from(r.mean, (_, h) => fmt(table.time ? table.time[origin + h] : null));
            writer.write(evaluateRowsCsv(origin, method, times, target.subarray(origin, origin + r.mean.length), r));
          }
        : undefined,
    });
  } finally {
    bar.stop();
    if (writer) await new Promise<void>((resolve, reject) => writer.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  if (flags.json) {
    const { info, ...rest } = result;
    process.stdout.write(`${JSON.stringify({ file, ...rest, picked: info.method, pickReason: info.pickReason, seasons: info.seasons, trainer: info.trainer }, null, 2)}\n`);
  } else {
    process.stdout.write(formatTestSpan(result, file));
  }
  if (flags.out) process.stderr.write(`every forecast written to ${flags.out}\n`);
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
  if (flags.testFrom !== undefined) return runTestSpan(file, flags);
  for (const [flag, value] of [['--test-to', flags.testTo], ['--stride', flags.stride], ['--out', flags.out]] as const) {
    if (value !== undefined) throw new EngineError('BAD_OPTION', `${flag} needs --test-from`, 'pass --test-from ROW|TIME to backtest one model over a test span');
  }
  const threads = parseThreads(flags.threads);
  const trainer = parseTrainer(flags.trainer);
  const series = await loadSeries(file, flags.column, parseList(flags.covariates), importOptionsOf(flags));
  const horizon = parseHorizon(flags.horizon, series.table);
  const budgetMs = parseBudget(flags.budget);
  await startBackend(threads);
  const bar = progressBar('backtest');
  const started = Date.now();
  let origin = '';
  let result: BacktestResult;
  try {
    const seed = parseIntOption('seed', flags.seed);
    const periods = parsePeriodOption(flags.period, series.table, rowCount(series.table));
    result = await backtest(series.table, series.target, {
      horizon,
      period: periods?.[0],
      origins: parseIntOption('origins', flags.origins) ?? 5,
      covariates: series.covariates,
      train: { seed, budgetMs, trainer },
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
  addThreadsFlag(addImportFlags(program.command('evaluate')))
    .description('backtest: rolling origins (default), or one model trained before --test-from and forecasting every origin of the test span')
    .argument('<file>', 'CSV/TSV file with a numeric column')
    .requiredOption('--horizon <H>', 'how far ahead at each origin: steps (24) or a time span (1d)')
    .option('--column <name>', 'column to forecast (default: the first numeric column)')
    .option('--covariates <a,b>', 'other columns used as inputs (comma-separated)')
    .option('--origins <n>', 'number of rolling origins', '5')
    .option('--period <m,...>', 'season lengths in rows or time spans; the first is the MASE lag (default: detected)')
    .option('--budget <time>', 'most training time per model (20s, 5m; default 20s)')
    .option('--test-from <row|time>', 'train once on the rows before this one and forecast every origin after it')
    .option('--test-to <row|time>', 'end of the test span, exclusive (default: the end of the data)')
    .option('--stride <n>', 'rows between test origins (default 1)')
    .option('--seed <n>', 'random seed (default 42)')
    .option('--out <file>', 'with --test-from: write every forecast as CSV (origin,step,t,actual,forecast,lower,upper,method)')
    .option('--json', 'print JSON instead of a table')
    .action(async (file: string, flags: EvaluateFlags) => {
      try {
        await runEvaluate(file, flags);
      } catch (err) {
        reportFailure('evaluate', err);
      }
    });
};
