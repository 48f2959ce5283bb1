// The page's alerts: the session's rules evaluated on the live samples and the newest forecast
// with the shared engine (shared/alerts: one AlertEvaluator per rule, so each rule keeps its own
// hysteresis from its channel's noise), raised into a bounded AlertLog. No DOM: ui/alert-panel.ts
// feeds it the live batches and a clock tick, and shows what it raises.
import { AlertLog, type AlertLogEntry } from '../../../shared/alerts/alert-log';
import { AlertEvaluator, noiseHysteresis, type RuleForecast } from '../../../shared/alerts/evaluator';
import type { AlertRule } from '../../../shared/alerts/rules';
import type { SampleBatchWire } from '../../../shared/api/contract';

/** A forecast made at the sample with time `t` (the worker's StampedForecast fits). */
export type OriginForecast = RuleForecast & { t: number };

export interface AlertMonitorOptions {
  /** The live data's sample interval, ms; null until known. Forecast steps are this far apart. */
  stepMs(): number | null;
  /** The newest live forecast and the channel it forecasts; null without one. */
  forecast(): { channel: string; forecast: OriginForecast } | null;
  /** Recent values of a channel (the noise sets a threshold rule's default hysteresis). */
  recent(channel: string): ArrayLike<number>;
  /** An alert was raised (it is in `log`). */
  onAlert(entry: AlertLogEntry): void;
  /** Shortest time between two alerts of a rule without its own cooldown, ms. Default 60,000. */
  cooldownMs?: number;
}

/**
 * The forecast as seen from the sample at `t`: the steps still ahead of it (a forecast made k
 * steps earlier, its first k steps dropped), or null when it is from a later sample or used up.
 */
export function forecastAt(f: OriginForecast, t: number, stepMs: number): RuleForecast | null {
  const k = Math.round((t - f.t) / stepMs);
  if (k < 0 || k >= f.mean.length) return null;
  if (k === 0) return f;
  return { mean: f.mean.slice(k), lower: f.lower.slice(k), upper: f.upper.slice(k) };
}

export class AlertMonitor {
  readonly log = new AlertLog({ capacity: 200 });
  private rules: AlertRule[] = [];
  /** One per rule; null until the interval is known (silence rules need none). */
  private evaluators: (AlertEvaluator | null)[] = [];

  constructor(private readonly o: AlertMonitorOptions) {}

  get current(): readonly AlertRule[] {
    return this.rules;
  }

  /** New rules: each starts afresh (no cooldown or episode carried over). */
  setRules(rules: readonly AlertRule[]): void {
    this.rules = [...rules];
    this.reset();
  }

  /** A new source: every rule starts afresh. */
  reset(): void {
    this.evaluators = this.rules.map((rule) => (rule.kind === 'silence' ? this.build(rule, 1) : null));
  }

  private build(rule: AlertRule, stepMs: number): AlertEvaluator {
    const hysteresis = rule.kind === 'threshold' && rule.hysteresis === undefined ? noiseHysteresis(this.o.recent(rule.channel)) : undefined;
    return new AlertEvaluator({ rules: [rule], stepMs, hysteresis, cooldownMs: this.o.cooldownMs });
  }

  /** A live batch (already in the page's store): each sample against each rule, with the forecast then known. */
  samples(batch: SampleBatchWire): void {
    if (!this.rules.length || !batch.t.length) return;
    const step = this.o.stepMs();
    if (step && step > 0) this.evaluators = this.evaluators.map((e, i) => e ?? this.build(this.rules[i], step));
    const newest = this.o.forecast();
    const gaps = new Set(batch.gaps);
    for (let i = 0; i < batch.t.length; i++) {
      if (gaps.has(i)) for (const e of this.evaluators) e?.gap();
      const t = batch.t[i];
      const values: Record<string, number> = {};
      const row = batch.values[i];
      batch.channels.forEach((name, j) => {
        const v = row[j];
        if (v !== null) values[name] = v;
      });
      const forecasts = newest && step ? { [newest.channel]: forecastAt(newest.forecast, t, step) } : {};
      for (const e of this.evaluators) if (e) this.raise(e.push(t, values, forecasts));
    }
  }

  /** The clock moved on: silence rules fire here (call it about once a second while a source is open). */
  tick(now: number): void {
    for (const e of this.evaluators) if (e) this.raise(e.tick(now));
  }

  private raise(events: ReturnType<AlertEvaluator['tick']>): void {
    for (const event of events) this.o.onAlert(this.log.add(event));
  }
}
