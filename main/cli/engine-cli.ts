// CLI helpers for `forecast` and `evaluate`: read the file through the importer, pick the
// columns, show a progress bar on a TTY, and print expected failures as one line + hint.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';

import { expectedError, wordError } from '../../shared/errors';
import { EngineError, type ModelInfo, type TrainProgress } from '../../shared/model';
import { checkGivenPeriods, describeSeasons, parsePeriods } from '../../shared/series/season';
import { medianInterval } from '../../shared/series/time-grid';
import { formatCount, horizonSteps, parseSpanMs } from '../../shared/series/time-span';
import type { SeriesTable } from '../../shared/table';
import { importCsv, type ImportOptions, type ImportReport } from '../files/csv-importer';

import { initBackend, type NodeBackend } from './backend';
import { defaultThreads, useKernelPool } from './kernel-pool';
import { failWith } from './commands/exit-code';

export interface LoadedSeries {
  table: SeriesTable;
  report: ImportReport;
  target: string;
  covariates: string[];
}

/** The importer's flags on forecast and evaluate: import less of a file too large for memory. */
export interface ImportFlags {
  every?: string;
  from?: string;
  to?: string;
}

export function addImportFlags(command: Command): Command {
  return command
    .option('--every <k>', 'import every k-th row only (a file too large for memory)')
    .option('--from <time>', 'import the rows at or after this time (ISO date/time, or ms since 1970)')
    .option('--to <time>', 'import the rows before this time (ISO date/time, or ms since 1970)');
}

function parseTimeOption(name: string, text: string): number {
  const t = text.trim();
  const ms = /^\d+$/.test(t) ? Number(t) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t);
  if (!Number.isFinite(ms)) throw new EngineError('BAD_OPTION', `--${name} must be a date/time (2024-03-01, 2024-03-01T12:00Z) or ms since 1970, got "${text}"`);
  return ms;
}

/** The importer options the flags ask for. */
export function importOptionsOf(flags: ImportFlags): ImportOptions {
  const options: ImportOptions = {};
  const every = parseIntOption('every', flags.every);
  if (every !== undefined) {
    if (every < 1) throw new EngineError('BAD_OPTION', `--every must be 1 or more, got ${every}`);
    options.every = every;
  }
  if (flags.from !== undefined) options.from = parseTimeOption('from', flags.from);
  if (flags.to !== undefined) options.to = parseTimeOption('to', flags.to);
  return options;
}

/** Reads `path` and resolves the target and covariate names against its columns. */
export async function loadSeries(path: string, column: string | undefined, covariates: string[], options: ImportOptions = {}): Promise<LoadedSeries> {
  const { table, report } = await importCsv(path, options);
  const names = table.channels.map((c) => c.name);
  const check = (name: string): string => {
    if (names.includes(name)) return name;
    if (report.skippedColumns.includes(name)) {
      throw new EngineError('NOT_NUMERIC', `column "${name}" is not numeric`, `numeric columns are: ${names.join(', ') || '(none)'}`);
    }
    throw new EngineError('UNKNOWN_COLUMN', `no column named "${name}" in ${path}`, `columns are: ${names.join(', ') || '(none)'}`);
  };
  if (!names.length) throw new EngineError('NOT_NUMERIC', `${path} has no numeric column`, 'the file needs at least one column of numbers');
  const target = column === undefined ? names[0] : check(column);
  const covs = covariates.map(check).filter((c) => c !== target);
  if (column === undefined && names.length > 1) process.stderr.write(`forecasting column "${target}" (choose another with --column)\n`);
  return { table, report, target, covariates: covs };
}

/** Comma-separated list option. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A whole-number option; throws a BAD_OPTION EngineError otherwise. */
export function parseIntOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) {
    throw new EngineError(name === 'horizon' ? 'BAD_HORIZON' : 'BAD_OPTION', `--${name} must be a whole number, got "${value}"`);
  }
  return n;
}

/** The table's sample interval: the grid's, else the median of its timestamps; null without a clock. */
export function intervalOf(table: SeriesTable): number | null {
  return table.intervalMs ?? medianInterval(table.time);
}

/** `--horizon`: steps (`96`) or a time span (`1h`, `2d`) converted with the data's interval. */
export function parseHorizon(text: string, table: SeriesTable): number {
  if (/^\s*-?\d+\s*$/.test(text)) return parseIntOption('horizon', text) as number;
  const r = horizonSteps(text, intervalOf(table));
  if ('error' in r) throw new EngineError('BAD_HORIZON', `--${r.error.replace(/^the /, '')}`, r.hint && `${r.hint.replace(/^give the horizon/, 'pass --horizon')}`);
  return r.steps;
}

/** `--period 24,168` or `--period 1d,7d`: season lengths in rows, checked against the data. */
export function parsePeriodOption(text: string | undefined, table: SeriesTable, rows: number): number[] | undefined {
  if (text === undefined) return undefined;
  const periods = parsePeriods(text, intervalOf(table));
  const checked = checkGivenPeriods(periods, rows, intervalOf(table));
  if (checked.warning) process.stderr.write(`note: ${checked.warning}\n`);
  return periods;
}

/** `--budget 20s` / `--budget 5m` (or milliseconds as a bare number) in milliseconds. */
export function parseBudget(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : parseSpanMs(text);
  if (ms === null || !(ms > 0)) throw new EngineError('BAD_OPTION', `--budget must be a time span above 0 (20s, 5m, 1h), got "${text}"`, 'pass e.g. --budget 5m');
  return ms;
}

/** One line on what the engine saw and did: seasons, history, network, trainer and time. */
export function describeModel(info: ModelInfo): string {
  const seasons = describeSeasons({ seasons: info.seasons.map((x) => ({ ...x, strength: 0 })), period: info.period, source: info.periodSource }, info.intervalMs);
  const ctx = info.context.blocks ? `${formatCount(info.context.recent)} rows + ${info.context.blocks} means of ${info.context.block} rows` : `${formatCount(info.context.recent)} rows`;
  const net = info.units ? `LSTM ${info.units} units over ${info.window} rows, ${info.epochsRun} epochs (${info.stopReason}) on ${info.trainer}` : 'no LSTM';
  return `seasons: ${seasons}; linear context ${ctx}; ${net}; trained in ${info.trainingSeconds.toFixed(1)} s`;
}

/** The --threads and --trainer flags of the commands that train. */
export function addThreadsFlag(command: Command): Command {
  return command
    .option('--threads <n>', `training threads for big batches, used where they measure faster (default ${defaultThreads()}: this machine's cores, at most 4); a seed gives the same model for the same --threads`)
    .option('--trainer <t>', "what trains the LSTM: auto (the wasm kernel, tfjs where it cannot run), kernel or tfjs (default auto)");
}

export type TrainerChoice = 'auto' | 'kernel' | 'tfjs';

/** The --trainer flag's value (default auto); checked before any work starts. */
export function parseTrainer(text: string | undefined): TrainerChoice {
  const t = (text ?? 'auto').trim().toLowerCase();
  if (t !== 'auto' && t !== 'kernel' && t !== 'tfjs') throw new EngineError('BAD_OPTION', `--trainer must be auto, kernel or tfjs, got "${text}"`, 'pass e.g. --trainer tfjs');
  return t;
}

/** Most training threads --threads takes. */
const MAX_THREADS = 64;

/** The --threads flag's value (default defaultThreads()); checked before any work starts. */
export function parseThreads(text: string | undefined): number {
  const count = parseIntOption('threads', text) ?? defaultThreads();
  if (count < 1 || count > MAX_THREADS) throw new EngineError('BAD_OPTION', `--threads must be 1 to ${MAX_THREADS}, got ${count}`, `pass e.g. --threads ${defaultThreads()}`);
  return count;
}

/**
 * Starts tfjs on wasm (cpu fallback), says so on stderr when it fell back, and lets the kernel
 * split big batches across `threads` (the --threads flag; default defaultThreads()).
 */
export async function startBackend(threads = defaultThreads()): Promise<NodeBackend> {
  useKernelPool({ threads });
  const backend = await initBackend('wasm');
  if (backend !== 'wasm') process.stderr.write('note: the wasm backend did not start; training on the (slower) cpu backend\n');
  return backend;
}

/** A progress bar on stderr when it is a TTY; otherwise nothing. */
export function progressBar(label: string): { update(p: TrainProgress, prefix?: string): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} {prefix}[{bar}] epoch {value}/{total} loss {loss} val {val} eta {etas}s`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p, prefix = '') {
      const payload = { loss: p.loss.toFixed(4), val: p.valLoss.toFixed(4), etas: Math.round(p.etaSeconds), prefix };
      if (!started) {
        bar.start(p.epochs, p.epoch, payload);
        started = true;
      } else {
        bar.setTotal(p.epochs);
        bar.update(p.epoch, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** The CLI names options in failures by their flags: {horizon} -> --horizon, {from} -> --from (shared/errors.ts wordOptions). */
export const flagOf = (option: string): string => `--${option}`;

/** Prints an expected failure (engine or data) as one line plus hint and sets the exit code; rethrows bugs. */
export function reportFailure(command: string, err: unknown): void {
  const expected = expectedError(err);
  if (!expected) throw err;
  const e = wordError(expected, flagOf);
  process.stderr.write(`sensorcast ${command}: ${e.message} [${e.code}]\n`);
  if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
  const usage = ['BAD_HORIZON', 'BAD_OPTION', 'UNKNOWN_COLUMN', 'NOT_NUMERIC'].includes(e.code);
  failWith(usage ? 1 : 2);
}
