// Alert evaluation: fed sample by sample with the values and the current forecast (the streaming
// forecaster's result), it says which rules fire. Pure and O(rules x horizon) per sample. Called
// by `sensorcast watch` (main/cli/commands/watch.ts); the page's alerts will feed it the same way.
import type { ForecastResult } from '../model/types';

import { formatRule, type AlertRule, type AnomalyRule, type SilenceRule, type ThresholdRule } from './rules';

/** What fired. */
export interface AlertEvent {
  /** The rule as text (formatRule). */
  rule: string;
  kind: AlertRule['kind'];
  channel: string;
  /** When it fired: the sample's time (silence: the clock's), ms since 1970. */
  time: number;
  /** The channel's value then (silence: the last one received; null when none was). */
  value: number | null;
  /** Threshold: when the forecast crosses (`time` when the value crossed unforeseen). */
  forecastTime?: number;
  /** Threshold: how far ahead the crossing was foreseen, ms (0: not foreseen, it happened). */
  leadMs?: number;
  /** Threshold: the forecast at the crossing; anomaly: the forecast for this sample. */
  forecastValue?: number;
  /** Anomaly: the band the value left. */
  band?: [number, number];
  /** Silence: how long nothing came, ms. */
  silentMs?: number;
}

/** The part of a forecast the rules read (the streaming forecaster's result fits). */
export type RuleForecast = Pick<ForecastResult, 'mean' | 'lower' | 'upper'>;

export interface AlertEvaluatorOptions {
  rules: readonly AlertRule[];
  /** Time between forecast steps (the sample interval), ms: turns "within 1h" into steps and steps into lead times. Required. */
  stepMs: number;
  /** Hysteresis of threshold rules that give none, in the channel's units. Default 0. */
  hysteresis?: number;
  /** Shortest time between two alerts of one rule, for rules that give no cooldown, ms. Default 60,000. */
  cooldownMs?: number;
}

interface RuleState {
  rule: AlertRule;
  name: string;
  lastFired: number;
  /** Threshold: ready to fire; silence, anomaly: not fired for the current episode. */
  armed: boolean;
  /** Threshold: the crossing time the last alert announced (no re-arming before it). */
  announced: number;
  /** Anomaly: consecutive samples outside the band. */
  run: number;
  /** Anomaly: the one-step band forecast for the next sample ([lower, upper, mean]), NaN when none. */
  band: Float64Array;
  /** Silence: when the channel last had a value; NaN before the first sample or tick. */
  lastSeen: number;
  lastValue: number | null;
}

export class AlertEvaluator {
  private readonly states: RuleState[];
  private readonly stepMs: number;
  private readonly hysteresis: number;
  private readonly cooldownMs: number;

  constructor(options: AlertEvaluatorOptions) {
    if (!(options.stepMs > 0)) throw new RangeError(`AlertEvaluator stepMs must be > 0, got ${options.stepMs}`);
    this.stepMs = options.stepMs;
    this.hysteresis = options.hysteresis ?? 0;
    this.cooldownMs = options.cooldownMs ?? 60_000;
    this.states = options.rules.map((rule) => ({
      rule,
      name: formatRule(rule),
      lastFired: Number.NEGATIVE_INFINITY,
      armed: true,
      announced: Number.NEGATIVE_INFINITY,
      run: 0,
      band: new Float64Array(3).fill(Number.NaN),
      lastSeen: Number.NaN,
      lastValue: null,
    }));
  }

  /** Forecast steps a threshold rule looks ahead: its `within`, at most the horizon. */
  leadSteps(rule: ThresholdRule, horizon: number): number {
    return rule.withinMs === undefined ? horizon : Math.min(horizon, Math.floor(rule.withinMs / this.stepMs));
  }

  /**
   * One sample: `values` by channel (a missing channel or NaN: no value), `forecasts` the current
   * forecast per channel (made with this sample; null while the forecaster warms up). Returns
   * the alerts it raises, usually none.
   */
  push(time: number, values: Readonly<Record<string, number>>, forecasts: Readonly<Record<string, RuleForecast | null | undefined>> = {}): AlertEvent[] {
    const out: AlertEvent[] = [];
    for (const s of this.states) {
      const v = values[s.rule.channel];
      const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
      const forecast = forecasts[s.rule.channel] ?? null;
      let event: AlertEvent | null = null;
      if (s.rule.kind === 'threshold') event = this.threshold(s, s.rule, time, value, forecast);
      else if (s.rule.kind === 'anomaly') event = this.anomaly(s, s.rule, time, value, forecast);
      else {
        if (value !== null) {
          s.lastSeen = time;
          s.lastValue = value;
          s.armed = true;
        } else event = this.silence(s, s.rule, time);
      }
      if (event) out.push(event);
    }
    return out;
  }

  /** The clock moved on without data: silence rules fire here. Call it every second or so. */
  tick(now: number): AlertEvent[] {
    const out: AlertEvent[] = [];
    for (const s of this.states) {
      if (s.rule.kind !== 'silence') continue;
      const event = this.silence(s, s.rule, now);
      if (event) out.push(event);
    }
    return out;
  }

  /** Data was lost: no band is carried across the gap, and anomaly runs start again. */
  gap(): void {
    for (const s of this.states) {
      s.run = 0;
      s.band.fill(Number.NaN);
    }
  }

  /** Fires unless the rule fired less than its cooldown ago (a dropped alert still ends the episode). */
  private fire(s: RuleState, event: Omit<AlertEvent, 'rule' | 'kind' | 'channel'>): AlertEvent | null {
    const cooldown = s.rule.cooldownMs ?? this.cooldownMs;
    if (event.time - s.lastFired < cooldown) return null;
    s.lastFired = event.time;
    return { rule: s.name, kind: s.rule.kind, channel: s.rule.channel, ...event };
  }

  private threshold(s: RuleState, rule: ThresholdRule, time: number, value: number | null, forecast: RuleForecast | null): AlertEvent | null {
    if (value === null) return null;
    const above = rule.op === '>';
    const past = (x: number) => (above ? x > rule.value : x < rule.value);
    const hysteresis = rule.hysteresis ?? this.hysteresis;
    const back = above ? rule.value - hysteresis : rule.value + hysteresis;
    const clear = (x: number) => (above ? x <= back : x >= back);
    const lead = forecast ? this.leadSteps(rule, forecast.mean.length) : 0;
    if (!s.armed) {
      // Re-arm once the value and the forecast are back past the hysteresis, and not before the
      // crossing the last alert announced: one crossing, one alert.
      if (time < s.announced || !clear(value)) return null;
      for (let h = 0; h < lead; h++) if (!clear(forecast!.mean[h])) return null;
      s.armed = true;
    }
    let event: Omit<AlertEvent, 'rule' | 'kind' | 'channel'> | null = null;
    if (past(value)) event = { time, value, forecastTime: time, leadMs: 0, forecastValue: value };
    else {
      for (let h = 0; h < lead; h++) {
        const f = forecast!.mean[h];
        if (!past(f)) continue;
        const leadMs = (h + 1) * this.stepMs;
        event = { time, value, forecastTime: time + leadMs, leadMs, forecastValue: f };
        break;
      }
    }
    if (!event) return null;
    s.armed = false;
    s.announced = event.forecastTime!;
    return this.fire(s, event);
  }

  private anomaly(s: RuleState, rule: AnomalyRule, time: number, value: number | null, forecast: RuleForecast | null): AlertEvent | null {
    // A sample without this channel (another topic's) leaves the channel's band and run as they are.
    if (value === null) return null;
    let event: AlertEvent | null = null;
    const [lower, upper, mean] = s.band;
    if (!Number.isNaN(lower)) {
      if (value < lower || value > upper) {
        s.run++;
        if (s.run >= rule.samples && s.armed) {
          s.armed = false;
          event = this.fire(s, { time, value, forecastValue: mean, band: [lower, upper] });
        }
      } else {
        s.run = 0;
        s.armed = true;
      }
    }
    // The band the next sample is judged by: this forecast's first step (copied: results are reused).
    if (forecast && forecast.mean.length > 0) {
      s.band[0] = forecast.lower[0];
      s.band[1] = forecast.upper[0];
      s.band[2] = forecast.mean[0];
    } else s.band.fill(Number.NaN);
    return event;
  }

  private silence(s: RuleState, rule: SilenceRule, now: number): AlertEvent | null {
    // The silence is counted from the first sample or tick the evaluator saw.
    if (Number.isNaN(s.lastSeen)) s.lastSeen = now;
    const silentMs = now - s.lastSeen;
    if (!s.armed || silentMs < rule.afterMs) return null;
    s.armed = false;
    return this.fire(s, { time: now, value: s.lastValue, silentMs });
  }
}

/**
 * A hysteresis from the data, for rules that give none: twice the median step-to-step change of
 * `values` (the noise between samples), so a value wobbling about the threshold fires once.
 */
export function noiseHysteresis(values: ArrayLike<number>): number {
  const diffs: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const d = Math.abs(values[i] - values[i - 1]);
    if (Number.isFinite(d)) diffs.push(d);
  }
  if (!diffs.length) return 0;
  diffs.sort((a, b) => a - b);
  return 2 * diffs[Math.floor(diffs.length / 2)];
}
