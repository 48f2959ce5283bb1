// Live skill: the model's rolling mean absolute error against the naive forecast (baselines.ts:
// the origin's value at every step) on the same origins and the same actual values, as they arrive. The definition of the figure the
// skill badge shows; pure, so it runs in the forecasting worker and in tests.
// Callers: renderer/src/worker/forecast-worker.ts (computes), renderer/src/ui/skill-badge.ts (shows).

export interface SkillSnapshot {
  /** Rolling MAE of the model's forecasts (all steps 1..H that have come true). */
  modelMae: number;
  /** Rolling MAE of the naive forecast (the origin's value for every step). */
  naiveMae: number;
  /** modelMae / naiveMae: below 1 the model beats naive. NaN before any pair. */
  ratio: number;
  /** Error pairs in the window. */
  pairs: number;
}

interface Origin {
  index: number;
  value: number;
  mean: number[];
}

export class SkillTracker {
  private readonly origins: Origin[] = [];
  private readonly modelErr: Float64Array;
  private readonly naiveErr: Float64Array;
  private head = 0;
  private count = 0;
  private index = 0;

  /** @param window Error pairs kept (rolling). Default 2000. */
  constructor(private readonly window = 2000) {
    this.modelErr = new Float64Array(window);
    this.naiveErr = new Float64Array(window);
  }

  /** One new actual value of the target (NaN = missing: skipped, the index still advances). */
  observe(value: number): void {
    this.index++;
    if (Number.isFinite(value)) {
      for (const o of this.origins) {
        const step = this.index - o.index;
        if (step < 1 || step > o.mean.length) continue;
        const f = o.mean[step - 1];
        if (!Number.isFinite(f) || !Number.isFinite(o.value)) continue;
        this.modelErr[this.head] = Math.abs(value - f);
        this.naiveErr[this.head] = Math.abs(value - o.value);
        this.head = (this.head + 1) % this.window;
        if (this.count < this.window) this.count++;
      }
    }
    // Forget origins whose horizon has passed.
    while (this.origins.length && this.index - this.origins[0].index >= this.origins[0].mean.length) this.origins.shift();
  }

  /** A forecast made at the value just observed. */
  addForecast(originValue: number, mean: number[]): void {
    this.origins.push({ index: this.index, value: originValue, mean: mean.slice() });
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
  }

  snapshot(): SkillSnapshot {
    let m = 0;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      m += this.modelErr[i];
      n += this.naiveErr[i];
    }
    const modelMae = this.count ? m / this.count : Number.NaN;
    const naiveMae = this.count ? n / this.count : Number.NaN;
    return { modelMae, naiveMae, ratio: this.count && naiveMae > 0 ? modelMae / naiveMae : Number.NaN, pairs: this.count };
  }
}
