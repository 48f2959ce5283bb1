import { describe, expect, it } from 'vitest';

import { alertRuleSchema, alertRulesSchema, MAX_ALERT_RULES } from '../../../shared/alerts/rule-schema';
import { parseRule } from '../../../shared/alerts/rules';

describe('alert rule schema', () => {
  it('takes every rule the CLI grammar reads, unchanged', () => {
    for (const text of ['temp > 30 within 1h hysteresis 0.5 cooldown 5min', 'temp < -5', '"living room" anomaly 4', 'hum silent 30s cooldown 10s']) {
      const rule = parseRule(text);
      expect(alertRuleSchema.parse(rule)).toEqual(rule);
    }
  });

  it('refuses unknown fields and kinds, non-finite values, bad counts and spans, and too many rules', () => {
    const bad = [
      { kind: 'threshold', channel: 'temp', op: '>=', value: 1 },
      { kind: 'threshold', channel: 'temp', op: '>', value: Number.POSITIVE_INFINITY },
      { kind: 'threshold', channel: '', op: '>', value: 1 },
      { kind: 'threshold', channel: 'temp', op: '>', value: 1, hysteresis: -1 },
      { kind: 'anomaly', channel: 'temp', samples: 0 },
      { kind: 'anomaly', channel: 'temp', samples: 2.5 },
      { kind: 'silence', channel: 'temp', afterMs: 0 },
      { kind: 'silence', channel: 'temp', afterMs: 31 * 86_400_000 },
      { kind: 'silence', channel: 'temp', afterMs: 1000, extra: true },
      { kind: 'rate', channel: 'temp' },
    ];
    for (const rule of bad) expect(alertRuleSchema.safeParse(rule).success, JSON.stringify(rule)).toBe(false);
    const one = parseRule('temp > 30');
    expect(alertRulesSchema.safeParse(Array(MAX_ALERT_RULES).fill(one)).success).toBe(true);
    expect(alertRulesSchema.safeParse(Array(MAX_ALERT_RULES + 1).fill(one)).success).toBe(false);
  });
});
