// Live skill: the model's rolling mean absolute error against the best plain baseline for the
// data (seasonal naive with the model's season, else naive: baselines.ts) on the same origins and
// the same actual values, as they arrive. Comparing seasonal data with the last value only would
// flatter the model. The definition of the figure the skill badge shows; pure, so it runs in the
// forecasting worker and in tests.
// Callers: renderer/src/worker/forecast-worker.ts (computes), renderer/src/ui/skill-badge.ts (shows).

export interface SkillSnapshot {
  /** Rolling MAE of the model's forecasts (all steps 1..H that have come true). */
  modelMae: number;
  /** Rolling MAE of the baseline on the same steps. */
  baselineMae: number;
  /** Which baseline: seasonal naive (the value one season before each step) or naive (the origin's value). */
  baseline: 'seasonal-naive' | 'naive';
  /** Its season in rows (1 for naive). */
  period: number;
  /** modelMae / baselineMae: below 1 the model beats the baseline; Infinity when the baseline is exact and the model is not (a perfectly periodic signal). NaN before any pair. */
  ratio: number;
  /** Error pairs in the window. */
  pairs: number;
}

interface Origin {
  index: number;
  /** The baseline's forecast made at this origin, step by step. */
  base: number[];
  mean: number[];
}

export class SkillTracker {
  private readonly origins: Origin[] = [];
  private readonly modelErr: Float64Array;
  private readonly baseErr: Float64Array;
  /** The last `period` values (ring), for the seasonal baseline. */
  private recent: Float64Array;
  private head = 0;
  private count = 0;
  private index = 0;
  private period = 1;

  /** @param window Error pairs kept (rolling). Default 2000. */
  constructor(private readonly window = 2000) {
    this.modelErr = new Float64Array(window);
    this.baseErr = new Float64Array(window);
    this.recent = new Float64Array(1).fill(Number.NaN);
  }

  /** The model's season in rows (> 1: seasonal naive is the baseline). Resets the tracker. */
  setPeriod(period: number): void {
    this.period = Math.max(1, Math.floor(period) || 1);
    this.recent = new Float64Array(this.period).fill(Number.NaN);
    this.reset();
  }

  /** One new actual value of the target (NaN = missing: skipped, the index still advances). */
  observe(value: number): void {
    this.index++;
    this.recent[this.index % this.period] = value;
    if (Number.isFinite(value)) {
      for (const o of this.origins) {
        const step = this.index - o.index;
        if (step < 1 || step > o.mean.length) continue;
        const f = o.mean[step - 1];
        const b = o.base[step - 1];
        if (!Number.isFinite(f) || !Number.isFinite(b)) continue;
        this.modelErr[this.head] = Math.abs(value - f);
        this.baseErr[this.head] = Math.abs(value - b);
        this.head = (this.head + 1) % this.window;
        if (this.count < this.window) this.count++;
      }
    }
    // Forget origins whose horizon has passed.
    while (this.origins.length && this.index - this.origins[0].index >= this.origins[0].mean.length) this.origins.shift();
  }

  /** A forecast made at the value just observed (`originValue`, also the naive forecast). */
  addForecast(originValue: number, mean: number[]): void {
    const m = this.period;
    // Seasonal naive for step k: the value one season before it (value index - m + k, wrapped).
    const base = mean.map((_, k) => (m > 1 ? this.recent[(this.index - m + 1 + (k % m)) % m] : originValue));
    this.origins.push({ index: this.index, base, mean: mean.slice() });
  }

  /**
   * A gap in the data (an unplug, a stall, a dropped batch): forecasts made before it are not
   * scored against values after it, and the seasonal baseline restarts. The scores so far stay.
   */
  gap(): void {
    this.origins.length = 0;
    this.recent.fill(Number.NaN);
  }

  /** Forgets the scores but keeps the pending forecasts: only values that arrive from now on are scored. */
  clearScores(): void {
    this.head = 0;
    this.count = 0;
  }

  reset(): void {
    this.origins.length = 0;
    this.head = 0;
    this.count = 0;
    this.index = 0;
    this.recent.fill(Number.NaN);
  }

  snapshot(): SkillSnapshot {
    let m = 0;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      m += this.modelErr[i];
      n += this.baseErr[i];
    }
    const modelMae = this.count ? m / this.count : Number.NaN;
    const baselineMae = this.count ? n / this.count : Number.NaN;
    const baseline = this.period > 1 ? 'seasonal-naive' : 'naive';
    const ratio = !this.count ? Number.NaN : baselineMae > 0 ? modelMae / baselineMae : modelMae > 0 ? Number.POSITIVE_INFINITY : 1;
    return { modelMae, baselineMae, baseline, period: this.period, ratio, pairs: this.count };
  }
}
