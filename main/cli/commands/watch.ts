// CLI command `sensorcast watch --port P|--mqtt URL --topic T --rule "temp > 30 within 1h" [--exec CMD]`:
// headless alerts (a Raspberry Pi next to the board). Collects samples, trains the engine on them
// once, then streams a forecast per sample (Forecaster.stream) and evaluates the rules
// (shared/alerts) on each; prints a line per alert on stdout and runs --exec per alert.
// Stages: source (main/sources) -> collect -> train (shared/model) -> stream + AlertEvaluator.
// It does not retrain: restart it (e.g. from a daily timer) to learn from newer data.
import { Option, type Command } from 'commander';

import { AlertLog } from '../../../shared/alerts/alert-log';
import { AlertEvaluator, noiseHysteresis, type AlertEvent } from '../../../shared/alerts/evaluator';
import { parseRule, type AlertRule } from '../../../shared/alerts/rules';
import type { LineEnding, SourceSpec } from '../../../shared/api/contract';
import { EngineError, train, type Forecaster, type StreamingForecaster } from '../../../shared/model';
import { describeHorizon, formatSpan, parseSpanMs } from '../../../shared/series/time-span';
import type { SeriesTable } from '../../../shared/table';

import { createSource } from '../../sources/create-source';
import type { SourceBatch } from '../../sources/source';
import { AlertExec, alertLine } from '../alert-output';
import { describeModel, parseBudget, parseHorizon, parseIntOption, progressBar, reportFailure, startBackend } from '../engine-cli';

import { mqttSpec } from './record';
import type { CommandRegistrar } from './registrar';

interface WatchFlags {
  port?: string;
  mqtt?: string;
  topic: string[];
  username?: string;
  passwordEnv?: string;
  qos: string;
  ca?: string;
  baud: string;
  lineEnding: string;
  dtr: boolean;
  allowPty?: boolean;
  column?: string;
  rule: string[];
  exec?: string;
  trainAfter?: string;
  horizon?: string;
  budget?: string;
  hysteresis?: string;
  cooldown: string;
  duration?: string;
}

/** Samples collected before training when --train-after is not given (more when the horizon needs them). */
const DEFAULT_TRAIN_AFTER = 600;
/** Horizon in steps when neither --horizon nor a rule's `within` says. */
const DEFAULT_HORIZON_STEPS = 60;
/** Source errors worth a line while watching (as `record` shows them). */
const SHOWN = new Set(['BAUD_MISMATCH', 'DISCONNECTED', 'STALLED', 'BROKER_UNREACHABLE', 'BAD_CREDENTIALS', 'NOT_AUTHORIZED', 'TLS_FAILED', 'UNREADABLE_PAYLOADS']);

const note = (text: string) => process.stderr.write(`${text}\n`);

function sourceSpec(flags: WatchFlags): SourceSpec {
  if ((flags.port === undefined) === (flags.mqtt === undefined)) throw new EngineError('BAD_OPTION', 'give either --port (a serial port) or --mqtt (a broker URL)', 'sensorcast watch --port /dev/ttyACM0 --rule "temp > 30 within 10min"');
  if (flags.mqtt !== undefined) {
    const r = mqttSpec({ ...flags, mqtt: flags.mqtt });
    if (typeof r === 'string') throw new EngineError('BAD_OPTION', r);
    return r;
  }
  const baudRate = Number(flags.baud);
  if (!Number.isInteger(baudRate) || baudRate < 50) throw new EngineError('BAD_OPTION', `--baud must be a whole number such as 9600 or 115200, got "${flags.baud}"`);
  if (!['auto', 'lf', 'crlf', 'cr'].includes(flags.lineEnding)) throw new EngineError('BAD_OPTION', `--line-ending must be auto, lf, crlf or cr, got "${flags.lineEnding}"`);
  return { kind: 'serial', path: flags.port!, baudRate, lineEnding: flags.lineEnding as LineEnding, dtr: flags.dtr };
}

function spanOption(name: string, text: string | undefined, allowZero = false): number | undefined {
  if (text === undefined) return undefined;
  const ms = allowZero && /^\s*0+\s*$/.test(text) ? 0 : parseSpanMs(text);
  if (ms === null) throw new EngineError('BAD_OPTION', `--${name} must be a time span (30s, 10min, 1h), got "${text}"`);
  return ms;
}

/** The channel the engine forecasts: --column, else the channel of the first threshold or anomaly rule. */
function targetOf(rules: AlertRule[], column: string | undefined): string {
  const forecastRules = rules.filter((r) => r.kind !== 'silence');
  const target = column ?? forecastRules[0]?.channel ?? rules[0].channel;
  for (const r of forecastRules) {
    if (r.channel === target) continue;
    if (r.kind === 'anomaly') throw new EngineError('BAD_OPTION', `the rule "${r.channel} anomaly" needs a forecast of "${r.channel}", but the forecast is of "${target}"`, `pass --column ${r.channel}, or watch it in a second sensorcast watch`);
    note(`note: "${r.channel}" is not forecast (--column ${target}): its threshold rules fire when the value crosses, not before`);
  }
  return target;
}

/** The target's samples collected for training: times and values, the newest last. */
class Collector {
  readonly t: number[] = [];
  readonly v: number[] = [];
  add(t: number, v: number): void {
    this.t.push(t);
    this.v.push(v);
  }
  clear(): void {
    this.t.length = 0;
    this.v.length = 0;
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

export async function watch(flags: WatchFlags): Promise<void> {
  if (!flags.rule.length) throw new EngineError('BAD_OPTION', 'watch needs at least one --rule', 'e.g. --rule "temp > 30 within 1h" --rule "temp anomaly 5" --rule "temp silent 30s"');
  const rules = flags.rule.map(parseRule);
  const spec = sourceSpec(flags);
  const target = targetOf(rules, flags.column);
  const trainAfter = parseIntOption('train-after', flags.trainAfter);
  if (trainAfter !== undefined && trainAfter < 10) throw new EngineError('BAD_OPTION', `--train-after must be at least 10 samples, got ${trainAfter}`);
  const budgetMs = parseBudget(flags.budget);
  const hysteresis = flags.hysteresis === undefined ? undefined : Number(flags.hysteresis);
  if (hysteresis !== undefined && !(hysteresis >= 0)) throw new EngineError('BAD_OPTION', `--hysteresis must be a number >= 0 in the channel's units, got "${flags.hysteresis}"`);
  const cooldownMs = spanOption('cooldown', flags.cooldown, true)!;
  const durationMs = spanOption('duration', flags.duration);
  const forecastRules = rules.filter((r) => r.kind !== 'silence');
  const silenceRules = rules.filter((r) => r.kind === 'silence');
  const longestWithin = Math.max(0, ...rules.map((r) => (r.kind === 'threshold' && r.channel === target ? (r.withinMs ?? 0) : 0)));
  // Why first: a backend that cannot start should fail before the port is opened.
  await startBackend();

  const source = createSource(spec, { serial: { allowPty: flags.allowPty === true } });
  const collected = new Collector();
  const log = new AlertLog();
  const exec = flags.exec === undefined ? null : new AlertExec(flags.exec);
  // Silence is watched from the start; the other rules once the model is trained.
  const silence = new AlertEvaluator({ rules: silenceRules, stepMs: 1, cooldownMs });
  let alerts: AlertEvaluator | null = null;
  let stream: StreamingForecaster | null = null;
  let model: Forecaster | null = null;
  let phase: 'collecting' | 'training' | 'watching' = 'collecting';
  let need = trainAfter ?? DEFAULT_TRAIN_AFTER;
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
    const result = typeof v === 'number' && Number.isFinite(v) ? stream!.push([v]) : undefined;
    raise(alerts!.push(t, values, result === undefined ? {} : { [target]: result }));
  };

  const startWatching = async () => {
    phase = 'training';
    const table = collected.table(target);
    const interval = table.intervalMs!;
    const horizon = flags.horizon !== undefined ? parseHorizon(flags.horizon, table) : longestWithin ? Math.max(1, Math.round(longestWithin / interval)) : DEFAULT_HORIZON_STEPS;
    if (trainAfter === undefined && collected.t.length < 4 * horizon) {
      // The horizon needs a longer history than the default: keep collecting.
      need = 4 * horizon;
      phase = 'collecting';
      note(`the horizon (${describeHorizon(horizon, interval)}) needs ${need} samples: collecting about ${formatSpan((need - collected.t.length) * interval, 1)} more`);
      return;
    }
    if (longestWithin > horizon * interval) note(`note: a rule looks ${formatSpan(longestWithin, 1)} ahead, but the horizon is ${describeHorizon(horizon, interval)}: crossings are foreseen that far at most`);
    note(`collected ${collected.t.length} samples (one every ${formatSpan(interval, 1)}); training for ${describeHorizon(horizon, interval)}...`);
    const bar = progressBar('training');
    try {
      model = await train({ table, target }, { horizon, budgetMs }, { onProgress: (p) => bar.update(p) });
    } finally {
      bar.stop();
    }
    note(`picked ${model.info.pickReason}\n${describeModel(model.info)}`);
    stream = model.stream();
    // The collected samples, and those that came during training, warm the stream up: no
    // alerts for the past (a crossing foreseen by a sample seconds old may already be over).
    for (const v of collected.v) stream.push([v]);
    for (const batch of pending.splice(0)) {
      const at = batch.channels.indexOf(target);
      if (at >= 0) for (const sample of batch.samples) if (Number.isFinite(sample.values[at])) stream.push([sample.values[at]]);
    }
    alerts = new AlertEvaluator({ rules: forecastRules, stepMs: interval, cooldownMs, hysteresis: hysteresis ?? noiseHysteresis(collected.v) });
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
      else if (at >= 0 && Number.isFinite(sample.values[at])) collected.add(sample.t, sample.values[at]);
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
  note(`watching ${source.label}: collecting ${need} samples of "${target}" to train on. Ctrl-C stops.`);
  const ticker = setInterval(() => raise(silence.tick(Date.now())), 1000);
  const timer = durationMs ? setTimeout(finish, durationMs) : null;
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
  note(`${log.entries().length + log.dropped} alert${log.entries().length + log.dropped === 1 ? '' : 's'}`);
}

export const registerWatch: CommandRegistrar = (program: Command) => {
  program
    .command('watch')
    .description('headless alerts: train on a live source, then forecast each sample and print (or --exec) an alert when a rule fires')
    .option('-p, --port <path>', 'serial port, e.g. /dev/ttyACM0 or COM3 (see `sensorcast ports`)')
    .option('--mqtt <url>', 'MQTT broker instead of a port: mqtt://host:1883, mqtts://host:8883, ws://host:9001')
    .option('-t, --topic <filter>', 'MQTT topic filter, + and # allowed (repeat for more)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--username <name>', 'MQTT user name')
    .option('--password-env <var>', 'environment variable holding the MQTT password (never on the command line)')
    .option('--qos <n>', 'MQTT subscription QoS: 0, 1 or 2', '1')
    .option('--ca <file>', 'PEM file with the CA of an mqtts:// or wss:// broker')
    .option('-b, --baud <n>', 'baud rate, as in Serial.begin(...)', '9600')
    .option('--line-ending <kind>', 'auto, lf, crlf or cr', 'auto')
    .option('--no-dtr', 'do not assert DTR on open (avoids resetting an Arduino Uno/Nano)')
    .option('-r, --rule <rule>', 'alert rule (repeat for more): "temp > 30 within 1h", "temp < 5 within 10min", "temp anomaly 5", "temp silent 30s"', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--column <name>', 'channel to forecast (default: the channel of the first threshold or anomaly rule)')
    .option('--exec <command>', 'run this command per alert; the alert is in SENSORCAST_RULE, SENSORCAST_VALUE, SENSORCAST_LEAD_S, ... (environment only)')
    .option('--train-after <n>', `samples to collect before training (default ${DEFAULT_TRAIN_AFTER}, or 4 horizons when more)`)
    .option('--horizon <H>', 'how far ahead to forecast: steps (60) or a time span (10min) (default: the longest "within" of the rules, else 60 steps)')
    .option('--budget <time>', 'most training time (20s, 5m; default 20s)')
    .option('--hysteresis <x>', "how far back past a threshold (channel units) before it fires again (default: twice the median step change of the training data)")
    .option('--cooldown <time>', 'shortest time between two alerts of one rule', '1min')
    .option('-d, --duration <time>', 'stop after this long (30s, 8h; default: until Ctrl-C)')
    .addOption(new Option('--allow-pty', 'accept a pseudo-terminal (/dev/pts/N, e.g. from socat) as the port').hideHelp())
    .action(async (flags: WatchFlags) => {
      try {
        await watch(flags);
      } catch (err) {
        reportFailure('watch', err);
      }
    });
};
