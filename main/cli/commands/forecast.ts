// CLI command `sensorcast forecast <file>`: trains the engine on the series (minus the last K
// points with --holdout) and writes `step,t,forecast,lower,upper` as CSV (stdout or --out).
// Stages: importer (main/files) -> engine (shared/model) -> CSV; the model optionally to disk.
import { writeFile } from 'node:fs/promises';

import type { Command } from 'commander';

import { EngineError, train } from '../../../shared/model';
import { sliceTable, rowCount } from '../../../shared/series/clean';
import { futureTimes } from '../../../shared/series/time-grid';
import { cliNumber, forecastStepsCsv, timeFormatter } from '../../files/forecast-csv';
import { addImportFlags, describeModel, importOptionsOf, loadSeries, type ImportFlags, parseBudget, parseHorizon, parseIntOption, parseList, parsePeriodOption, progressBar, reportFailure, startBackend } from '../engine-cli';
import { saveModelDir } from '../model-dir';
import { checkOutputDir, checkOutputFile } from '../output-path';

import type { CommandRegistrar } from './registrar';

interface ForecastFlags extends ImportFlags {
  column?: string;
  covariates?: string;
  horizon: string;
  holdout?: string;
  period?: string;
  budget?: string;
  seed?: string;
  out?: string;
  saveModel?: string;
}

async function runForecast(file: string, flags: ForecastFlags): Promise<void> {
  const holdout = parseIntOption('holdout', flags.holdout) ?? 0;
  if (holdout < 0) throw new EngineError('BAD_OPTION', `--holdout must be >= 0, got ${holdout}`);
  const budgetMs = parseBudget(flags.budget);
  // Why: a bad output path must fail now, not after the whole training.
  if (flags.out) await checkOutputFile('--out', flags.out);
  if (flags.saveModel) await checkOutputDir('--save-model', flags.saveModel);
  const series = await loadSeries(file, flags.column, parseList(flags.covariates), importOptionsOf(flags));
  const horizon = parseHorizon(flags.horizon, series.table);
  const n = rowCount(series.table);
  const period = parsePeriodOption(flags.period, series.table, n - holdout);
  if (holdout >= n) throw new EngineError('SERIES_TOO_SHORT', `--holdout ${holdout} leaves no data to train on (${n} rows)`, 'use a smaller --holdout');
  const table = holdout ? sliceTable(series.table, 0, n - holdout) : series.table;
  const backend = await startBackend();
  const bar = progressBar('training');
  let model;
  try {
    model = await train(
      { table, target: series.target, covariates: series.covariates },
      { horizon, period, budgetMs, seed: parseIntOption('seed', flags.seed) },
      { onProgress: (p) => bar.update(p) },
    );
  } finally {
    bar.stop();
  }
  try {
    const result = model.forecast(table);
    const times = futureTimes(table, horizon);
    const csv = forecastStepsCsv(times.map(timeFormatter(table)), result.mean, result.lower, result.upper);
    if (flags.out) await writeFile(flags.out, csv);
    else process.stdout.write(csv);
    const info = model.info;
    process.stderr.write(`picked ${info.pickReason}\n`);
    process.stderr.write(`${describeModel(info)}; tfjs on ${backend}; horizon ${horizon} steps, interval ${Math.round(result.level * 100)}%\n`);
    if (holdout) {
      const actual = series.table.channels.find((c) => c.name === series.target)!.values.subarray(n - holdout, n - holdout + horizon);
      let sum = 0;
      let count = 0;
      actual.forEach((y, i) => {
        if (Number.isNaN(y)) return;
        sum += Math.abs(y - result.mean[i]);
        count++;
      });
      if (count) process.stderr.write(`holdout MAE over ${count} point(s): ${cliNumber(sum / count)}\n`);
    }
    if (flags.saveModel) {
      await saveModelDir(flags.saveModel, await model.toBundle());
      process.stderr.write(`model saved to ${flags.saveModel}\n`);
    }
  } finally {
    model.dispose();
  }
}

export const registerForecast: CommandRegistrar = (program: Command) => {
  addImportFlags(program.command('forecast'))
    .description('train on a CSV series and forecast H steps ahead (CSV: step,t,forecast,lower,upper)')
    .argument('<file>', 'CSV/TSV file with a numeric column (and optionally a time column)')
    .requiredOption('--horizon <H>', 'how far ahead: steps (96) or a time span (1h, 2d) on data with a clock')
    .option('--column <name>', 'column to forecast (default: the first numeric column)')
    .option('--covariates <a,b>', 'other columns used as inputs (comma-separated)')
    .option('--holdout <K>', 'train on all but the last K points (compare the forecast with them)', '0')
    .option('--period <m,...>', 'season lengths in rows (24,168) or time spans (1d,7d) (default: from the timestamps and autocorrelation)')
    .option('--budget <time>', 'most training time (20s, 5m; default 20s)')
    .option('--seed <n>', 'random seed (default 42)')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .option('--save-model <dir>', 'save the trained model (model.json + weights.bin) in this folder')
    .action(async (file: string, flags: ForecastFlags) => {
      try {
        await runForecast(file, flags);
      } catch (err) {
        reportFailure('forecast', err);
      }
    });
};
