// Training stage, the time budget: how fast this machine runs the engine's loops right now, and
// how much work each phase of training is, so that every phase, the ones after the LSTM included
// (scoring the pick, the intervals, the final linear refit), is sized to end within the budget on
// a loaded machine too. Work is counted in multiply-adds; the speed is measured on every phase big
// enough to time (a machine that gets busier mid-training slows the rest).
// Called by train.ts.

/**
 * Milliseconds per multiply-add of the engine's JS loops on an idle core of the development
 * machine (2 ns): the speed assumed until a phase big enough to measure has run. A probe loop at
 * the start was tried: under load its few milliseconds read anywhere from 1 to 90 ns.
 */
const NOMINAL_RATE = 2e-6;

/** What a phase of training costs, in multiply-adds. */
export const work: {
  linearFit: (windows: number, val: number, d: number, H: number, strengths?: number) => number;
  netWindow: (window: number, features: number, units: number, H: number) => number;
  arrays: (window: number, features: number, d: number, H: number) => number;
  scoring: (count: number, d: number, H: number, net: number, window: number, features: number) => number;
} = {
  /** The normal equations on `windows` windows, the ridge strengths on `val` windows and the solves (linear.ts fitLinear). */
  linearFit: (windows: number, val: number, d: number, H: number, strengths = 6): number => windows * d * (d / 2 + H) + strengths * (val * d * H + (d * d * d) / 6 + d * d * H),
  /** The network's forward pass on one window. */
  netWindow: (window: number, features: number, units: number, H: number): number => window * 4 * units * (features + units) + units * H,
  /** Building the LSTM's input and target arrays for one window: twice its multiply-adds (measured: allocation and the scattered reads of the context). */
  arrays: (window: number, features: number, d: number, H: number): number => 2 * (window * features + d * H),
  /** Scoring `count` validation windows: their arrays and linear forecasts, the network's and every method's residuals, and sorting the interval quantiles (5 methods, 4,000 residuals a step). */
  scoring: (count: number, d: number, H: number, net: number, window: number, features: number): number => count * (work.arrays(window, features, d, H) + d * H + net + 20 * H) + 5 * H * 4000 * 12,
};

export class Budget {
  /** Milliseconds per multiply-add: of the latest phase big enough to time (the load changes), else nominal. */
  private rate = NOMINAL_RATE;
  private readonly phases: Record<string, number> = {};
  private mark: number;

  constructor(
    private readonly started: number,
    readonly budgetMs: number,
  ) {
    this.mark = Date.now();
  }

  /** Milliseconds left until the budget ends (negative when over). */
  left(): number {
    return this.started + this.budgetMs - Date.now();
  }

  /** Estimated milliseconds of `units` multiply-adds at the current speed. */
  estimate(units: number): number {
    return units * this.rate;
  }

  /** How many items of `perItem` multiply-adds fit in `ms` milliseconds. */
  fit(ms: number, perItem: number): number {
    return Math.max(0, Math.floor(ms / Math.max(this.estimate(perItem), 1e-9)));
  }

  /** Ends the phase `name` (timed since the previous one); with its work, the speed is corrected when it ran slower than expected. */
  phase(name: string, units = 0): void {
    const t = Date.now();
    const ms = t - this.mark;
    this.phases[name] = (this.phases[name] ?? 0) + ms / 1000;
    // Only work of 50 ms or more at the nominal speed: a small phase's time is its fixed costs (allocation,
    // compiling the code on first use), not the machine's speed (nottem's linear fit: 0.3 s for
    // work of 10 ms, which skipped its LSTM).
    if (units * NOMINAL_RATE >= 50) this.rate = ms / units;
    this.mark = t;
  }

  /** Seconds per phase, in the order they ran. */
  seconds(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.phases).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  }
}
