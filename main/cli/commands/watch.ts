// CLI command `sensorcast watch --port P|--mqtt URL --topic T --rule "temp > 30 within 1h" [--exec CMD]`:
// headless alerts (a Raspberry Pi next to the board). Checks the flags and turns them into a
// WatchPlan; main/cli/watch-run.ts collects, trains (or loads --model DIR, a saved bundle) and
// watches. It does not retrain: restart it (e.g. from a daily timer) to learn from newer data.
import type { Command } from 'commander';

import { parseRule, type AlertRule } from '../../../shared/alerts/rules';
import type { SourceSpec } from '../../../shared/api/contract';
import { EngineError, loadBundle } from '../../../shared/model';
import { parseSpanMs } from '../../../shared/series/time-span';

import { addThreadsFlag, parseBudget, parseIntOption, parseThreads, parseTrainer, reportFailure, startBackend } from '../engine-cli';
import { loadModelDir } from '../model-dir';
import { addMqttFlags, addSerialFlags, sourceSpec, type SourceFlags } from '../source-flags';
import { DEFAULT_TRAIN_AFTER, runWatch, type WatchPlan } from '../watch-run';

import type { CommandRegistrar } from './registrar';

interface WatchFlags extends SourceFlags {
  threads?: string;
  trainer?: string;
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

function watchedSource(flags: WatchFlags): SourceSpec {
  const spec = sourceSpec(flags);
  if (typeof spec !== 'string') return spec;
  throw new EngineError('BAD_OPTION', spec, flags.port === undefined && flags.mqtt === undefined ? 'sensorcast watch --port /dev/ttyACM0 --rule "temp > 30 within 10min"' : undefined);
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
  const spec = watchedSource(flags);
  const trainAfter = parseIntOption('train-after', flags.trainAfter);
  if (trainAfter !== undefined && trainAfter < 10) throw new EngineError('BAD_OPTION', `--train-after must be at least 10 samples, got ${trainAfter}`);
  const budgetMs = parseBudget(flags.budget);
  const threads = parseThreads(flags.threads);
  const trainer = parseTrainer(flags.trainer);
  const hysteresis = flags.hysteresis === undefined ? undefined : Number(flags.hysteresis);
  if (hysteresis !== undefined && !(hysteresis >= 0)) throw new EngineError('BAD_OPTION', `--hysteresis must be a number >= 0 in the channel's units, got "${flags.hysteresis}"`);
  if (flags.model !== undefined) {
    const training = (['trainAfter', 'horizon', 'budget', 'trainer'] as const).filter((k) => flags[k] !== undefined).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
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
    trainer,
    hysteresis,
    cooldownMs: spanOption('cooldown', flags.cooldown, true)!,
    durationMs: spanOption('duration', flags.duration),
    exec: flags.exec,
  };
  // Why first: a backend that cannot start should fail before the port is opened.
  await startBackend(threads);
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
  const command = program.command('watch');
  addThreadsFlag(addMqttFlags(addSerialFlags(command)));
  command
    .description('headless alerts: train on a live source, then forecast each sample and print (or --exec) an alert when a rule fires')
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
    .action(async (flags: WatchFlags) => {
      try {
        await watch(flags);
      } catch (err) {
        reportFailure('watch', err);
      }
    });
};
