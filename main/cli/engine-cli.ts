// CLI helpers for `forecast` and `evaluate`: read the file through the importer, pick the
// columns, show a progress bar on a TTY, and print expected failures as one line + hint.
import cliProgress from 'cli-progress';

import { EngineError, isEngineError, type TrainProgress } from '../../shared/model';
import type { SeriesTable } from '../../shared/table';
import { importCsv, type ImportReport } from '../files/csv-importer';

import { initBackend, type NodeBackend } from './backend';
import { failWith } from './commands/exit-code';

export interface LoadedSeries {
  table: SeriesTable;
  report: ImportReport;
  target: string;
  covariates: string[];
}

/** Reads `path` and resolves the target and covariate names against its columns. */
export async function loadSeries(path: string, column: string | undefined, covariates: string[]): Promise<LoadedSeries> {
  const { table, report } = await importCsv(path);
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

/** Starts tfjs on wasm (cpu fallback); says so on stderr when it fell back. */
export async function startBackend(): Promise<NodeBackend> {
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

/** Prints an expected failure (engine or data) as one line plus hint and sets the exit code; rethrows bugs. */
export function reportFailure(command: string, err: unknown): void {
  const e = err as { name?: string; code?: string; message?: string; hint?: string };
  if (isEngineError(err) || e?.name === 'DataException') {
    process.stderr.write(`sensorcast ${command}: ${e.message} [${e.code}]\n`);
    if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
    const usage = ['BAD_HORIZON', 'BAD_OPTION', 'UNKNOWN_COLUMN', 'NOT_NUMERIC'].includes(String(e.code));
    failWith(usage ? 1 : 2);
    return;
  }
  throw err;
}
