// The alert rule editor's fields <-> a rule, pure (no DOM): what the user typed is checked here
// and by the shared schema (shared/alerts/rule-schema.ts), with an error that names the field.
// Callers: ui/alert-panel.ts.
import { alertRuleSchema } from '../../../shared/alerts/rule-schema';
import type { AlertRule } from '../../../shared/alerts/rules';
import { formatSpan, parseSpanMs } from '../../../shared/series/time-span';

export type RuleChoice = 'above' | 'below' | 'anomaly' | 'silence';

/** The editor's fields as typed. */
export interface RuleFields {
  channel: string;
  kind: RuleChoice;
  /** Above/below: the threshold; anomaly: samples in a row; silence: a span ("30s"; a plain number is seconds). */
  amount: string;
  /** Above/below: how far ahead ("10min"); empty: the whole horizon. */
  within: string;
}

/** What the amount field asks for, per kind (its label). */
export const AMOUNT_LABEL: Record<RuleChoice, string> = {
  above: 'Threshold',
  below: 'Threshold',
  anomaly: 'Samples in a row',
  silence: 'No data for',
};

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function span(text: string): number | null {
  const t = text.trim();
  if (NUMBER.test(t) && Number(t) > 0) return Math.round(Number(t) * 1000);
  const ms = parseSpanMs(t);
  return ms === null ? null : Math.round(ms);
}

/** The rule the fields describe, or what is wrong with them. */
export function ruleFromFields(f: RuleFields): { rule: AlertRule } | { error: string } {
  const channel = f.channel.trim();
  if (!channel) return { error: 'Pick a channel for the rule.' };
  const amount = f.amount.trim();
  let rule: AlertRule;
  if (f.kind === 'above' || f.kind === 'below') {
    if (!NUMBER.test(amount)) return { error: `The threshold must be a number, e.g. 30 (got "${amount}").` };
    rule = { kind: 'threshold', channel, op: f.kind === 'above' ? '>' : '<', value: Number(amount) };
    if (f.within.trim()) {
      const ms = span(f.within);
      if (ms === null) return { error: `"Within" must be a time span such as 30s, 10min or 1h (got "${f.within.trim()}"), or empty for the whole horizon.` };
      rule.withinMs = ms;
    }
  } else if (f.kind === 'anomaly') {
    const n = Number(amount);
    if (!NUMBER.test(amount) || !Number.isInteger(n) || n < 1 || n > 1000) return { error: `Samples in a row must be a whole number from 1 to 1000 (got "${amount}").` };
    rule = { kind: 'anomaly', channel, samples: n };
  } else {
    const ms = span(amount);
    if (ms === null) return { error: `"No data for" must be a time span such as 30s or 5min (got "${amount}").` };
    rule = { kind: 'silence', channel, afterMs: ms };
  }
  const checked = alertRuleSchema.safeParse(rule);
  if (!checked.success) return { error: `The rule is out of range: ${checked.error.issues[0]?.message ?? 'check the numbers'}.` };
  return { rule: checked.data };
}

/** The fields that show `rule` for editing. */
export function fieldsFromRule(rule: AlertRule): RuleFields {
  const text = (ms: number) => formatSpan(ms, 1).replace(' ', '');
  if (rule.kind === 'threshold') return { channel: rule.channel, kind: rule.op === '>' ? 'above' : 'below', amount: String(rule.value), within: rule.withinMs === undefined ? '' : text(rule.withinMs) };
  if (rule.kind === 'anomaly') return { channel: rule.channel, kind: 'anomaly', amount: String(rule.samples), within: '' };
  return { channel: rule.channel, kind: 'silence', amount: text(rule.afterMs), within: '' };
}
