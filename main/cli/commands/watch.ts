// CLI command `sensorcast watch --port P|--mqtt URL --topic T --rule "temp > 30 within 1h" [--exec CMD]`:
// headless alerts (a Raspberry Pi next to the board). Checks the flags and turns them into a
// WatchPlan; main/cli/watch-run.ts collects, trains (or loads --model DIR, a saved bundle) and
// watches. It does not retrain: restart it (e.g. from a daily timer) to learn from newer data.
import { Option, type Command } from 'commander';

import { parseRule, type AlertRule } from '../../../shared/alerts/rules';
import type { LineEnding, SourceSpec } from '../../../shared/api/contract';
import { EngineError, loadBundle } from '../../../shared/model';
import { parseSpanMs } from '../../../shared/series/time-span';

import { parseBudget, parseIntOption, reportFailure, startBackend } from '../engine-cli';
import { loadModelDir } from '../model-dir';
import { DEFAULT_TRAIN_AFTER, runWatch, type WatchPlan } from '../watch-run';

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
  model?: string;
}

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

export async function watch(flags: WatchFlags): Promise<void> {
  if (!flags.rule.length) throw new EngineError('BAD_OPTION', 'watch needs at least one --rule', 'e.g. --rule "temp > 30 within 1h" --rule "temp anomaly 5" --rule "temp silent 30s"');
  const rules = flags.rule.map(parseRule);
  const spec = sourceSpec(flags);
  const trainAfter = parseIntOption('train-after', flags.trainAfter);
  if (trainAfter !== undefined && trainAfter < 10) throw new EngineError('BAD_OPTION', `--train-after must be at least 10 samples, got ${trainAfter}`);
  const budgetMs = parseBudget(flags.budget);
  const hysteresis = flags.hysteresis === undefined ? undefined : Number(flags.hysteresis);
  if (hysteresis !== undefined && !(hysteresis >= 0)) throw new EngineError('BAD_OPTION', `--hysteresis must be a number >= 0 in the channel's units, got "${flags.hysteresis}"`);
  if (flags.model !== undefined) {
    const training = (['trainAfter', 'horizon', 'budget'] as const).filter((k) => flags[k] !== undefined).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    if (training.length) throw new EngineError('BAD_OPTION', `${training.join(', ')} ${training.length === 1 ? 'is' : 'are'} for training, but --model uses a saved model (its horizon is its own)`, 'leave them out, or leave out --model to train on the live data');
  }
  const plan: WatchPlan = {
    rules,
    spec,
    allowPty: flags.allowPty === true,
    target: '',
    trainAfter,
    horizon: flags.horizon,
    budgetMs,
    hysteresis,
    cooldownMs: spanOption('cooldown', flags.cooldown, true)!,
    durationMs: spanOption('duration', flags.duration),
    exec: flags.exec,
  };
  // Why first: a backend that cannot start should fail before the port is opened.
  await startBackend();
  if (flags.model !== undefined) {
    const model = await loadBundle(await loadModelDir(flags.model));
    if (flags.column !== undefined && flags.column !== model.info.target) {
      model.dispose();
      throw new EngineError('BAD_OPTION', `the model in ${flags.model} forecasts "${model.info.target}", not "${flags.column}"`, 'leave out --column, or train a model for that channel');
    }
    plan.saved = { dir: flags.model, model };
    note(`model from ${flags.model}: ${model.info.target}, ${model.info.horizon} steps ahead, ${model.info.method}`);
  }
  try {
    plan.target = targetOf(rules, plan.saved?.model.info.target ?? flags.column);
  } catch (err) {
    plan.saved?.model.dispose();
    throw err;
  }
  await runWatch(plan);
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
    .option('--model <dir>', 'use a saved model (from `forecast --save-model` or the app) instead of training: watching starts after its history')
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
