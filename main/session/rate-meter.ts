// Samples per second over the last two seconds, for the status line. Caller: session-hub.ts.

export class RateMeter {
  private window: { t: number; n: number }[] = [];

  reset(): void {
    this.window = [];
  }

  /** Counts `n` samples that arrived now. */
  add(n: number, now = Date.now()): void {
    this.window.push({ t: now, n });
  }

  /** Samples per second, rounded: over the last 2 s, or at least over 1 s. */
  perSecond(now = Date.now()): number {
    while (this.window.length && now - this.window[0].t > 2000) this.window.shift();
    if (this.window.length === 0) return 0;
    const n = this.window.reduce((sum, r) => sum + r.n, 0);
    const span = Math.max(1000, now - this.window[0].t);
    return Math.round((n * 1000) / span);
  }
}
