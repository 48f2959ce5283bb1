// CLI command `sensorcast forecast <file>`: trains the engine on the series (minus the last K
// points with --holdout), or loads a saved model (--model, from the CLI or the app), and writes
// `step,t,forecast,lower,upper` as CSV (stdout or --out), in the input file's dialect (delimiter,
// decimal mark, time format) unless `--dialect standard`.
// Stages: importer (main/files) -> engine (shared/model) -> CSV; the model optionally to disk.
import { writeFile } from 'node:fs/promises';

import type { Command } from 'commander';

import { EngineError, loadBundle, train, type Forecaster } from '../../../shared/model';
import { sliceTable, rowCount } from '../../../shared/series/clean';
import { futureTimes } from '../../../shared/series/time-grid';
import { fileDialect } from '../../files/dialect';
import { cliNumber, forecastStepsCsv } from '../../files/forecast-csv';
import { addImportFlags, addThreadsFlag, describeModel, importOptionsOf, loadSeries, type ImportFlags, parseBudget, parseHorizon, parseIntOption, parseList, parsePeriodOption, progressBar, parseThreads, parseTrainer, reportFailure, startBackend } from '../engine-cli';
import { loadModelDir, saveModelDir } from '../model-dir';
import { checkOutputDir, checkOutputFile } from '../output-path';

import type { CommandRegistrar } from './registrar';

interface ForecastFlags extends ImportFlags {
  threads?: string;
  trainer?: string;
  column?: string;
  covariates?: string;
  horizon?: string;
  model?: string;
  holdout?: string;
  period?: string;
  budget?: string;
  seed?: string;
  out?: string;
  saveModel?: string;
  dialect?: string;
}

async function runForecast(file: string, flags: ForecastFlags): Promise<void> {
  const holdout = parseIntOption('holdout', flags.holdout) ?? 0;
  if (holdout < 0) throw new EngineError('BAD_OPTION', `--holdout must be >= 0, got ${holdout}`);
  const budgetMs = parseBudget(flags.budget);
  const threads = parseThreads(flags.threads);
  const trainer = parseTrainer(flags.trainer);
  const dialectChoice = flags.dialect ?? 'source';
  if (dialectChoice !== 'source' && dialectChoice !== 'standard') throw new EngineError('BAD_OPTION', `--dialect must be source or standard, got "${dialectChoice}"`, 'source: the input file\'s delimiter, decimal mark and time format; standard: comma, decimal point, ISO times');
  // Why: a bad output path must fail now, not after the whole training.
  if (flags.out) await checkOutputFile('--out', flags.out);
  if (flags.saveModel) await checkOutputDir('--save-model', flags.saveModel);
  // A saved model is rebuilt by tfjs: the backend must be up first.
  const backend = flags.model ? await startBackend(threads) : null;
  const saved = flags.model ? await loadBundle(await loadModelDir(flags.model)) : null;
  if (!saved && flags.horizon === undefined) throw new EngineError('BAD_HORIZON', 'forecast needs --horizon (or --model DIR, a saved model, which knows its own)', 'pass e.g. --horizon 12');
  // A saved model forecasts its target from its own channels: --column and --covariates must agree with it.
  if (saved && flags.column !== undefined && flags.column !== saved.info.target) {
    saved.dispose();
    throw new EngineError('BAD_OPTION', `the model in ${flags.model} forecasts "${saved.info.target}", not "${flags.column}"`, 'leave out --column, or train a model for that column');
  }
  const column = saved ? saved.info.target : flags.column;
  const covariates = saved ? saved.info.channels.slice(1).map((c) => c.name) : parseList(flags.covariates);
  const series = await loadSeries(file, column, covariates, importOptionsOf(flags)).catch((err: unknown) => {
    saved?.dispose();
    throw err;
  });
  const horizon = saved ? saved.info.horizon : parseHorizon(flags.horizon!, series.table);
  if (saved && flags.horizon !== undefined && parseHorizon(flags.horizon, series.table) !== horizon) {
    saved.dispose();
    throw new EngineError('BAD_HORIZON', `the model in ${flags.model} forecasts ${horizon} steps, not ${flags.horizon}`, 'leave out --horizon, or train a new model for that horizon');
  }
  const n = rowCount(series.table);
  const period = parsePeriodOption(flags.period, series.table, n - holdout);
  if (holdout >= n) throw new EngineError('SERIES_TOO_SHORT', `--holdout ${holdout} leaves no data to train on (${n} rows)`, 'use a smaller --holdout');
  const table = holdout ? sliceTable(series.table, 0, n - holdout) : series.table;
  const active = backend ?? (await startBackend(threads));
  let model: Forecaster;
  if (saved) model = saved;
  else {
    const bar = progressBar('training');
    try {
      model = await train(
        { table, target: series.target, covariates: series.covariates },
        { horizon, period, budgetMs, seed: parseIntOption('seed', flags.seed), trainer },
        { onProgress: (p) => bar.update(p) },
      );
    } finally {
      bar.stop();
    }
  }
  try {
    const result = model.forecast(table);
    const times = futureTimes(table, horizon);
    const dialect = dialectChoice === 'source' ? await fileDialect(series.report) : null;
    const csv = forecastStepsCsv(table, times, result, dialect);
    if (flags.out) await writeFile(flags.out, csv);
    else process.stdout.write(csv);
    const info = model.info;
    if (saved) process.stderr.write(`model from ${flags.model}: ${info.target}, trained on ${info.trainWindows} windows; `);
    process.stderr.write(`picked ${info.pickReason}\n`);
    process.stderr.write(`${describeModel(info)}; tfjs on ${active}; horizon ${horizon} steps, interval ${Math.round(result.level * 100)}%\n`);
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
  addThreadsFlag(addImportFlags(program.command('forecast')))
    .description('train on a CSV series and forecast H steps ahead (CSV: step,t,forecast,lower,upper)')
    .argument('<file>', 'CSV/TSV file with a numeric column (and optionally a time column)')
    .option('--horizon <H>', 'how far ahead: steps (96) or a time span (1h, 2d) on data with a clock (required unless --model)')
    .option('--model <dir>', 'forecast with a saved model (from --save-model or the app) instead of training one')
    .option('--column <name>', 'column to forecast (default: the first numeric column)')
    .option('--covariates <a,b>', 'other columns used as inputs (comma-separated)')
    .option('--holdout <K>', 'train on all but the last K points (compare the forecast with them)', '0')
    .option('--period <m,...>', 'season lengths in rows (24,168) or time spans (1d,7d) (default: from the timestamps and autocorrelation)')
    .option('--budget <time>', 'most training time (20s, 5m; default 20s)')
    .option('--seed <n>', 'random seed (default 42)')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .option('--dialect <d>', "the CSV's dialect: source (the input file's delimiter, decimal mark and time format) or standard (comma, point, ISO times in UTC)", 'source')
    .option('--save-model <dir>', 'save the trained model (model.json + weights.bin) in this folder')
    .action(async (file: string, flags: ForecastFlags) => {
      try {
        await runForecast(file, flags);
      } catch (err) {
        reportFailure('forecast', err);
      }
    });
};
