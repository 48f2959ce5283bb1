import { describe, expect, it } from 'vitest';

import { formatRule, parseRule } from '../../../shared/alerts/rules';
import { EngineError, wordError } from '../../../shared/errors';

describe('parseRule: the CLI syntax', () => {
  it('reads thresholds with and without a lead time', () => {
    expect(parseRule('temp > 30 within 1h')).toEqual({ kind: 'threshold', channel: 'temp', op: '>', value: 30, withinMs: 3_600_000 });
    expect(parseRule('temp < 5 within 10min')).toEqual({ kind: 'threshold', channel: 'temp', op: '<', value: 5, withinMs: 600_000 });
    expect(parseRule('temp<-2.5')).toEqual({ kind: 'threshold', channel: 'temp', op: '<', value: -2.5 });
    expect(parseRule('  hum > 1e2 within 90 s ')).toEqual({ kind: 'threshold', channel: 'hum', op: '>', value: 100, withinMs: 90_000 });
  });

  it('reads anomaly and silence rules', () => {
    expect(parseRule('temp anomaly 5')).toEqual({ kind: 'anomaly', channel: 'temp', samples: 5 });
    expect(parseRule('temp anomaly')).toEqual({ kind: 'anomaly', channel: 'temp', samples: 3 });
    expect(parseRule('temp silent 30s')).toEqual({ kind: 'silence', channel: 'temp', afterMs: 30_000 });
  });

  it('reads hysteresis, cooldown and quoted channel names; formatRule reads back the same rule', () => {
    const rule = parseRule('"room temp" > 30 within 1h hysteresis 0.5 cooldown 10min');
    expect(rule).toEqual({ kind: 'threshold', channel: 'room temp', op: '>', value: 30, withinMs: 3_600_000, hysteresis: 0.5, cooldownMs: 600_000 });
    for (const text of ['"room temp" > 30 within 1h hysteresis 0.5 cooldown 10min', 'temp < 5 within 10min', 'temp anomaly 5 cooldown 30s', 'temp silent 30s', 't > -1']) {
      expect(parseRule(formatRule(parseRule(text)))).toEqual(parseRule(text));
    }
    expect(formatRule(parseRule('temp > 30 within 60min'))).toBe('temp > 30 within 1h');
  });

  it('says what is wrong, naming the rule as {rule} with a hint', () => {
    const cases: [string, RegExp][] = [
      ['temp', /a rule is a channel and a condition/],
      ['temp >> 30', /"\u003e" needs a number after it, got "\u003e"/],
      ['temp > hot', /needs a number after it, got "hot"/],
      ['temp = 30', /expected >, <, anomaly or silent after the channel, got "="/],
      ['temp > 30 within soon', /"within" needs a time span such as 30s, 10min, 1h, got "soon"/],
      ['temp > 30 within', /"within" needs a time span/],
      ['temp anomaly 0', /whole number of samples >= 1, got "0"/],
      ['temp anomaly 2.5', /whole number of samples >= 1, got "2.5"/],
      ['temp silent', /"silent" needs a time span/],
      ['temp silent 30s hysteresis 1', /unexpected "hysteresis": a silence rule may end with "cooldown"/],
      ['temp > 30 hysteresis -1', /"hysteresis" needs a number >= 0/],
      ['temp > 30 tomorrow', /unexpected "tomorrow"/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseRule(text);
      } catch (err) {
        error = err;
      }
      expect(error, text).toBeInstanceOf(EngineError);
      const e = error as EngineError;
      expect(e.code).toBe('BAD_OPTION');
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(`{rule} "${text}": `)).toBe(true);
      expect(e.hint).toBeTruthy();
      // The CLI words {rule} as its flag.
      expect(wordError({ code: e.code, message: e.message }, (o) => `--${o}`).message.startsWith('--rule "')).toBe(true);
    }
  });
});
