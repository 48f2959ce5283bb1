// Reconnect pacing for the sources that reconnect after a loss (serial, MQTT): the first retry
// after `first` ms, each next one twice as late up to `max`, back to `first` after a success.
// One timer at a time; `cancel` on stop. Called by reconnecting-source.ts (serial and MQTT).

export class Backoff {
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param first First delay in ms. @param max Longest delay in ms. */
  constructor(
    private readonly first: number,
    private readonly max: number,
  ) {
    this.delay = first;
  }

  /** Runs `retry` after the current delay, and doubles the next one (up to `max`). */
  schedule(retry: () => void): void {
    this.cancel();
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.max);
    this.timer = setTimeout(() => {
      this.timer = null;
      retry();
    }, delay);
  }

  /** After a success (or a fresh loss): the next retry is quick again. */
  reset(): void {
    this.delay = this.first;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
