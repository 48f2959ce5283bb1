// Alert rules: what a user asks to be told about a channel, as plain data (saved with a session,
// sent over the API) and as the text the CLI takes (`--rule "temp > 30 within 1h"`). Pure; read by
// evaluator.ts, `sensorcast watch` (main/cli/commands/watch.ts) and, later, the page.
import { EngineError } from '../errors';
import { formatSpan, parseSpanMs } from '../series/time-span';

/** Settings every rule may carry; the evaluator's defaults apply where one is left out. */
export interface RuleLimits {
  /** Shortest time between two alerts of this rule, ms (anything sooner is dropped). */
  cooldownMs?: number;
}

/** The forecast (or, unforeseen, the value) goes past `value` within the lead time. */
export interface ThresholdRule extends RuleLimits {
  kind: 'threshold';
  channel: string;
  op: '>' | '<';
  value: number;
  /** How far ahead to look, ms. Default: the whole forecast horizon. */
  withinMs?: number;
  /** How far back past `value` (in the channel's units) the value and forecast must go before the rule fires again. */
  hysteresis?: number;
}

/** The value leaves the band forecast for it (the interval of the one-step forecast) `samples` times in a row. */
export interface AnomalyRule extends RuleLimits {
  kind: 'anomaly';
  channel: string;
  samples: number;
}

/** No value of the channel for `afterMs`. */
export interface SilenceRule extends RuleLimits {
  kind: 'silence';
  channel: string;
  afterMs: number;
}

export type AlertRule = ThresholdRule | AnomalyRule | SilenceRule;

/** Consecutive samples outside the band when `anomaly` has no count. */
export const DEFAULT_ANOMALY_SAMPLES = 3;

const EXAMPLES = 'write e.g. "temp > 30 within 1h", "temp < 5 within 10min", "temp anomaly 5" or "temp silent 30s"';
const UNIT_WORDS = /^(ms|s|sec|m|min|h|d|w)$/i;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function bad(text: string, why: string, hint = EXAMPLES): EngineError {
  return new EngineError('BAD_OPTION', `{rule} "${text}": ${why}`, hint);
}

/** Words of a rule: a quoted channel name stays whole, `>`/`<` stand alone, "10 min" is one word. */
function tokenize(text: string): string[] {
  const words = text.match(/"[^"]*"|[<>]|[^\s<>]+/g) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (UNIT_WORDS.test(w) && out.length && NUMBER.test(out[out.length - 1])) out[out.length - 1] += w;
    else out.push(w);
  }
  return out;
}

function spanOf(text: string, word: string | undefined, what: string): number {
  const ms = word === undefined ? null : parseSpanMs(word);
  if (ms === null) throw bad(text, `${what} needs a time span such as 30s, 10min, 1h${word === undefined ? '' : `, got "${word}"`}`);
  return ms;
}

/**
 * Reads one rule: `CHANNEL > N [within SPAN]`, `CHANNEL < N [within SPAN]`, `CHANNEL anomaly [N]`,
 * `CHANNEL silent SPAN`, each optionally followed by `hysteresis X` (threshold rules) and
 * `cooldown SPAN`. A channel name with spaces goes in double quotes. Throws BAD_OPTION naming {rule}.
 */
export function parseRule(text: string): AlertRule {
  const words = tokenize(text.trim());
  if (words.length < 2) throw bad(text, 'a rule is a channel and a condition');
  const channel = words[0].startsWith('"') ? words[0].slice(1, -1) : words[0];
  if (!channel) throw bad(text, 'the channel name is empty');
  const verb = words[1].toLowerCase();
  let rule: AlertRule;
  let i = 2;
  if (verb === '>' || verb === '<') {
    const n = words[2];
    if (n === undefined || !NUMBER.test(n)) throw bad(text, `"${verb}" needs a number after it${n === undefined ? '' : `, got "${n}"`}`);
    rule = { kind: 'threshold', channel, op: verb, value: Number(n) };
    i = 3;
    if (words[i]?.toLowerCase() === 'within') {
      rule.withinMs = spanOf(text, words[i + 1], '"within"');
      i += 2;
    }
  } else if (verb === 'anomaly') {
    let samples = DEFAULT_ANOMALY_SAMPLES;
    if (words[2] !== undefined && NUMBER.test(words[2])) {
      samples = Number(words[2]);
      if (!Number.isInteger(samples) || samples < 1) throw bad(text, `"anomaly" needs a whole number of samples >= 1, got "${words[2]}"`);
      i = 3;
    }
    rule = { kind: 'anomaly', channel, samples };
  } else if (verb === 'silent') {
    rule = { kind: 'silence', channel, afterMs: spanOf(text, words[2], '"silent"') };
    i = 3;
  } else {
    throw bad(text, `expected >, <, anomaly or silent after the channel, got "${words[1]}"`);
  }
  while (i < words.length) {
    const word = words[i].toLowerCase();
    if (word === 'hysteresis' && rule.kind === 'threshold') {
      const h = words[i + 1];
      if (h === undefined || !NUMBER.test(h) || Number(h) < 0) throw bad(text, `"hysteresis" needs a number >= 0 in the channel's units${h === undefined ? '' : `, got "${h}"`}`);
      rule.hysteresis = Number(h);
    } else if (word === 'cooldown') {
      rule.cooldownMs = spanOf(text, words[i + 1], '"cooldown"');
    } else {
      const allowed = rule.kind === 'threshold' ? '"within", "hysteresis" or "cooldown"' : '"cooldown"';
      throw bad(text, `unexpected "${words[i]}": a ${rule.kind} rule may end with ${allowed}`);
    }
    i += 2;
  }
  return rule;
}

/** A rule as the parser reads it back: the name alerts and logs show. */
export function formatRule(rule: AlertRule): string {
  const channel = /[\s<>"]/.test(rule.channel) ? `"${rule.channel}"` : rule.channel;
  const span = (ms: number) => formatSpan(ms, 1).replace(' ', '');
  let text: string;
  if (rule.kind === 'threshold') {
    text = `${channel} ${rule.op} ${rule.value}${rule.withinMs === undefined ? '' : ` within ${span(rule.withinMs)}`}`;
    if (rule.hysteresis !== undefined) text += ` hysteresis ${rule.hysteresis}`;
  } else if (rule.kind === 'anomaly') {
    text = `${channel} anomaly ${rule.samples}`;
  } else {
    text = `${channel} silent ${span(rule.afterMs)}`;
  }
  return rule.cooldownMs === undefined ? text : `${text} cooldown ${span(rule.cooldownMs)}`;
}
