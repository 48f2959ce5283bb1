import { describe, expect, it } from 'vitest';

import { formatRule } from '../../../shared/alerts/rules';
import { fieldsFromRule, ruleFromFields, type RuleFields } from '../../../renderer/src/ui/alert-form';

const fields = (f: Partial<RuleFields>): RuleFields => ({ channel: 'temp', kind: 'above', amount: '30', within: '', ...f });

describe('alert rule fields', () => {
  it('above/below with and without "within", anomaly, silence (a plain number is seconds)', () => {
    expect(ruleFromFields(fields({}))).toEqual({ rule: { kind: 'threshold', channel: 'temp', op: '>', value: 30 } });
    expect(ruleFromFields(fields({ kind: 'below', amount: '-2.5', within: '10 min' }))).toEqual({ rule: { kind: 'threshold', channel: 'temp', op: '<', value: -2.5, withinMs: 600_000 } });
    expect(ruleFromFields(fields({ kind: 'anomaly', amount: '5' }))).toEqual({ rule: { kind: 'anomaly', channel: 'temp', samples: 5 } });
    expect(ruleFromFields(fields({ kind: 'silence', amount: '30' }))).toEqual({ rule: { kind: 'silence', channel: 'temp', afterMs: 30_000 } });
    expect(ruleFromFields(fields({ kind: 'silence', amount: '2min' }))).toEqual({ rule: { kind: 'silence', channel: 'temp', afterMs: 120_000 } });
  });

  it('bad input names the field and what it got', () => {
    expect(ruleFromFields(fields({ channel: ' ' }))).toEqual({ error: 'Pick a channel for the rule.' });
    expect(ruleFromFields(fields({ amount: 'hot' }))).toEqual({ error: 'The threshold must be a number, e.g. 30 (got "hot").' });
    expect(ruleFromFields(fields({ within: 'soon' }))).toMatchObject({ error: expect.stringMatching(/^"Within" must be a time span .* \(got "soon"\)/) });
    expect(ruleFromFields(fields({ kind: 'anomaly', amount: '2.5' }))).toMatchObject({ error: expect.stringMatching(/whole number from 1 to 1000 \(got "2.5"\)/) });
    expect(ruleFromFields(fields({ kind: 'silence', amount: '-1' }))).toMatchObject({ error: expect.stringMatching(/time span .* \(got "-1"\)/) });
    expect(ruleFromFields(fields({ kind: 'silence', amount: '400d' }))).toMatchObject({ error: expect.stringMatching(/out of range/) });
  });

  it('a rule comes back as the fields that make it again', () => {
    for (const f of [fields({ within: '10min' }), fields({ kind: 'below', amount: '5' }), fields({ kind: 'anomaly', amount: '3' }), fields({ kind: 'silence', amount: '45s' })]) {
      const r = ruleFromFields(f);
      if (!('rule' in r)) throw new Error(r.error);
      const again = ruleFromFields(fieldsFromRule(r.rule));
      expect('rule' in again && formatRule(again.rule)).toBe(formatRule(r.rule));
    }
  });
});
