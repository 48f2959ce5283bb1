// CLI `sensorcast watch`, the run: collects samples of the target, trains the engine on them once
// (or takes a saved model, --model), then streams a forecast per sample (Forecaster.stream) and
// evaluates the rules (shared/alerts) on each; prints a line per alert on stdout and runs --exec
// per alert. Stages: source (main/sources) -> collect -> train or load (shared/model) -> stream +
// AlertEvaluator. Called by main/cli/commands/watch.ts, which turns the flags into a WatchPlan.
import { AlertLog } from '../../shared/alerts/alert-log';
import { AlertEvaluator, noiseHysteresis, type AlertEvent } from '../../shared/alerts/evaluator';
import type { AlertRule } from '../../shared/alerts/rules';
import type { SourceSpec } from '../../shared/api/contract';
import { train, type Forecaster, type StreamingForecaster } from '../../shared/model';
import { describeHorizon, formatSpan } from '../../shared/series/time-span';
import type { SeriesTable } from '../../shared/table';

import { createSource } from '../sources/create-source';
import type { SourceBatch } from '../sources/source';
import { AlertExec, alertLine } from './alert-output';
import { describeModel, parseHorizon, progressBar } from './engine-cli';

/** What `watch` was asked to do, its flags checked (main/cli/commands/watch.ts). */
export interface WatchPlan {
  rules: AlertRule[];
  spec: SourceSpec;
  allowPty: boolean;
  /** The channel forecast. */
  target: string;
  /** A saved model (--model), already loaded: no training. Default: train one. */
  saved?: { dir: string; model: Forecaster };
  /** --train-after, when given. */
  trainAfter?: number;
  /** --horizon as typed (steps or a span). */
  horizon?: string;
  budgetMs?: number;
  /** --trainer. Default auto. */
  trainer?: 'auto' | 'kernel' | 'tfjs';
  hysteresis?: number;
  cooldownMs: number;
  durationMs?: number;
  exec?: string;
}

/** Samples collected before training when --train-after is not given (more when the horizon needs them). */
export const DEFAULT_TRAIN_AFTER = 600;
/** Horizon in steps when neither --horizon nor a rule's `within` says. */
const DEFAULT_HORIZON_STEPS = 60;
/** Source errors worth a line while watching (as `record` shows them). */
const SHOWN = new Set(['BAUD_MISMATCH', 'DISCONNECTED', 'STALLED', 'BROKER_UNREACHABLE', 'BAD_CREDENTIALS', 'NOT_AUTHORIZED', 'TLS_FAILED', 'UNREADABLE_PAYLOADS']);

const note = (text: string) => process.stderr.write(`${text}\n`);

/** The target's samples collected for training (or, with a saved model, for its history): times and values, the newest last. */
class Collector {
  readonly t: number[] = [];
  readonly v: number[] = [];
  /** Each sample's row of the model's inputs (target first). */
  readonly rows: number[][] = [];
  add(t: number, v: number, row: number[]): void {
    this.t.push(t);
    this.v.push(v);
    this.rows.push(row);
  }
  clear(): void {
    this.t.length = 0;
    this.v.length = 0;
    this.rows.length = 0;
  }
  /** The mean spacing (a chunk of serial lines may share one receive time, so not the median). */
  intervalMs(): number | null {
    const n = this.t.length;
    return n > 1 && this.t[n - 1] > this.t[0] ? (this.t[n - 1] - this.t[0]) / (n - 1) : null;
  }
  table(name: string): SeriesTable {
    return { time: Float64Array.from(this.t), intervalMs: this.intervalMs(), channels: [{ name, values: Float64Array.from(this.v) }] };
  }
}

function valuesOf(batch: SourceBatch, row: number[]): Record<string, number> {
  const values: Record<string, number> = {};
  batch.channels.forEach((name, i) => (values[name] = row[i]));
  return values;
}

export async function runWatch(plan: WatchPlan): Promise<void> {
  const { rules, target, saved } = plan;
  const forecastRules = rules.filter((r) => r.kind !== 'silence');
  const silenceRules = rules.filter((r) => r.kind === 'silence');
  const longestWithin = Math.max(0, ...rules.map((r) => (r.kind === 'threshold' && r.channel === target ? (r.withinMs ?? 0) : 0)));
  const source = createSource(plan.spec, { serial: { allowPty: plan.allowPty } });
  const collected = new Collector();
  const log = new AlertLog();
  const exec = plan.exec === undefined ? null : new AlertExec(plan.exec);
  // Silence is watched from the start; the other rules once the model is trained.
  const silence = new AlertEvaluator({ rules: silenceRules, stepMs: 1, cooldownMs: plan.cooldownMs });
  let alerts: AlertEvaluator | null = null;
  let stream: StreamingForecaster | null = null;
  let model: Forecaster | null = saved?.model ?? null;
  // The model's input channels, in the order its stream takes them (target first).
  const inputs = saved ? saved.model.info.channels.map((c) => c.name) : [target];
  const rowOf = (values: Record<string, number>) => inputs.map((name) => values[name] ?? Number.NaN);
  let phase: 'collecting' | 'training' | 'watching' = 'collecting';
  // A saved model needs only its own history (and a few samples for the noise).
  let need = saved ? Math.max(10, saved.model.info.history) : (plan.trainAfter ?? DEFAULT_TRAIN_AFTER);
  const pending: SourceBatch[] = [];
  let failure: unknown = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const raise = (events: AlertEvent[]) => {
    for (const e of events) {
      log.add(e);
      process.stdout.write(`${alertLine(e)}\n`);
      exec?.run(e);
    }
  };

  /** One sample: the forecast (when the target has a value), then the rules. */
  const evaluate = (t: number, values: Record<string, number>) => {
    const v = values[target];
    const result = typeof v === 'number' && Number.isFinite(v) ? stream!.push(rowOf(values)) : undefined;
    raise(alerts!.push(t, values, result === undefined || result === null ? {} : { [target]: result }));
  };

  const trainModel = async (table: SeriesTable): Promise<Forecaster | null> => {
    const interval = table.intervalMs!;
    const horizon = plan.horizon !== undefined ? parseHorizon(plan.horizon, table) : longestWithin ? Math.max(1, Math.round(longestWithin / interval)) : DEFAULT_HORIZON_STEPS;
    if (plan.trainAfter === undefined && collected.t.length < 4 * horizon) {
      // The horizon needs a longer history than the default: keep collecting.
      need = 4 * horizon;
      note(`the horizon (${describeHorizon(horizon, interval)}) needs ${need} samples: collecting about ${formatSpan((need - collected.t.length) * interval, 1)} more`);
      return null;
    }
    if (longestWithin > horizon * interval) note(`note: a rule looks ${formatSpan(longestWithin, 1)} ahead, but the horizon is ${describeHorizon(horizon, interval)}: crossings are foreseen that far at most`);
    note(`collected ${collected.t.length} samples (one every ${formatSpan(interval, 1)}); training for ${describeHorizon(horizon, interval)}...`);
    const bar = progressBar('training');
    try {
      const trained = await train({ table, target }, { horizon, budgetMs: plan.budgetMs, trainer: plan.trainer }, { onProgress: (p) => bar.update(p) });
      note(`picked ${trained.info.pickReason}\n${describeModel(trained.info)}`);
      return trained;
    } finally {
      bar.stop();
    }
  };

  const startWatching = async () => {
    phase = 'training';
    const table = collected.table(target);
    if (!saved) {
      model = await trainModel(table);
      if (!model) {
        phase = 'collecting';
        return;
      }
    }
    // The saved model's own step: its "within" and lead times are counted in it.
    const stepMs = saved ? (saved.model.info.intervalMs ?? table.intervalMs!) : table.intervalMs!;
    if (saved && saved.model.info.intervalMs && Math.abs(table.intervalMs! / stepMs - 1) > 0.5) {
      note(`note: the model in ${saved.dir} was trained on one sample every ${formatSpan(stepMs, 1)}, but ${source.label} sends one every ${formatSpan(table.intervalMs!, 1)}: its lead times are off`);
    }
    stream = model!.stream();
    // The collected samples, and those that came during training, warm the stream up: no
    // alerts for the past (a crossing foreseen by a sample seconds old may already be over).
    for (const row of collected.rows) stream.push(row);
    for (const batch of pending.splice(0)) {
      const at = batch.channels.indexOf(target);
      if (at < 0) continue;
      for (const sample of batch.samples) {
        if (Number.isFinite(sample.values[at])) stream.push(rowOf(valuesOf(batch, sample.values)));
      }
    }
    alerts = new AlertEvaluator({ rules: forecastRules, stepMs, cooldownMs: plan.cooldownMs, hysteresis: plan.hysteresis ?? noiseHysteresis(collected.v) });
    phase = 'watching';
    note(`watching ${rules.length} rule${rules.length === 1 ? '' : 's'} on ${source.label}. Ctrl-C stops.`);
  };

  const onBatch = (batch: SourceBatch) => {
    if (phase === 'training') {
      pending.push(batch);
      for (const sample of batch.samples) raise(silence.push(sample.t, valuesOf(batch, sample.values)));
      return;
    }
    const at = batch.channels.indexOf(target);
    for (const sample of batch.samples) {
      const values = valuesOf(batch, sample.values);
      raise(silence.push(sample.t, values));
      if (phase === 'watching') evaluate(sample.t, values);
      else if (at >= 0 && Number.isFinite(sample.values[at])) collected.add(sample.t, sample.values[at], rowOf(values));
    }
    if (phase === 'collecting' && collected.t.length >= need && collected.intervalMs() !== null) {
      startWatching().catch((err: unknown) => {
        failure = err;
        finish();
      });
    }
  };

  source.on('samples', onBatch);
  source.on('gap', () => {
    if (phase === 'collecting' && collected.t.length) {
      note(`data was lost: collecting again (${collected.t.length} samples dropped, so the model learns from unbroken data)`);
      collected.clear();
    } else if (phase === 'watching') {
      // Nothing is carried across a gap: the forecast restarts after the model's history.
      stream!.reset();
      alerts!.gap();
      note(`data was lost: the forecast restarts after ${stream!.waiting()} samples`);
    }
  });
  source.on('error', (error) => {
    if (SHOWN.has(error.code)) process.stderr.write(`sensorcast: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
  });

  await source.start();
  note(`watching ${source.label}: collecting ${need} samples of "${target}" ${saved ? `for the history of the model in ${saved.dir}` : 'to train on'}. Ctrl-C stops.`);
  const ticker = setInterval(() => raise(silence.tick(Date.now())), 1000);
  const timer = plan.durationMs ? setTimeout(finish, plan.durationMs) : null;
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await finished;
  } finally {
    clearInterval(ticker);
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await source.stop();
    await exec?.settle();
    (model as Forecaster | null)?.dispose();
  }
  if (failure) throw failure;
  if (phase === 'collecting' && !collected.t.length) note(`no samples of "${target}" arrived${source.status().counts.samples ? ' (other channels did: check --column and the rules)' : ''}`);
  const total = log.entries().length + log.dropped;
  note(`${total} alert${total === 1 ? '' : 's'}`);
}
