// Live sources that reconnect by themselves after a loss (serial, MQTT): one home for their
// lifecycle. start() (a failed first connect rejects with a typed code), stop(), the periodic
// tick, `stopped`, the backoff, what a loss does (gap, state disconnected, the error, a reconnect
// scheduled) and the reconnect loop (state reconnecting, one attempt, its error reported only when
// it is news, the reconnect counted, connected). A source plugs in how to connect, reconnect
// (the serial source looks for a replugged device), close and classify what went wrong.
// Extended by serial-source.ts and mqtt-source.ts.
import { EngineError, errorValue, type ErrorValue } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { SourceKind } from '../../shared/source-status';

import { Backoff } from './backoff';
import { BaseSource } from './base-source';
import type { GapReason } from './source';

export interface ReconnectOptions {
  /** First reconnect delay in ms, doubled after each failed try. */
  backoffMs: number;
  /** Longest reconnect delay in ms. */
  maxBackoffMs: number;
  /** How often tick() runs while started, in ms. */
  tickMs: number;
  /** Where losses and reconnects are logged (the source's namespace). */
  log: Logger;
  /** What the user can do about a loss. Default: the code's hint (ERROR_HINTS). */
  lossHint?: string;
}

export abstract class ReconnectingSource extends BaseSource {
  /** True before start() and after stop() (or a failed start): a loss or a late attempt then does nothing. */
  protected stopped = true;
  private readonly backoff: Backoff;
  private timer: ReturnType<typeof setInterval> | null = null;
  // The lost connection's close: the next attempt waits for it (a device node stays locked until released).
  private closing: Promise<void> = Promise.resolve();

  constructor(
    kind: SourceKind,
    label: string,
    private readonly pace: ReconnectOptions,
  ) {
    super(kind, label);
    this.backoff = new Backoff(pace.backoffMs, pace.maxBackoffMs);
  }

  /** The first connection; rejects with why it failed (an EngineError, or anything classify() reads). */
  protected abstract connect(): Promise<void>;
  /**
   * One reconnect attempt. Resolves with what the log adds after "reconnected" ('' or " at <path>"),
   * or null when there is nothing to try yet (the next try is scheduled); rejects with why it failed.
   */
  protected abstract reconnectOnce(): Promise<string | null>;
  /** Closes the open connection, if any (stop(), or an attempt that succeeded after stop()). */
  protected abstract close(): Promise<void>;
  /** After a loss: lets go of the connection and of what it left half-read; the next attempt waits for the promise. */
  protected abstract dropLost(): Promise<void>;
  /** Whether a connection is open now (so a loss is handled once per connection). */
  protected abstract isOpen(): boolean;
  /** What an error from connect() or reconnectOnce() means (an EngineError is taken as it is). */
  protected abstract classify(err: unknown): ErrorValue;
  /** The periodic work while started (batches, counts, watchdogs), every `tickMs`. */
  protected abstract tick(): void;

  /** Whether a failed attempt's error is reported: a source still down is not news each try; a new reason is. */
  protected isNews(error: ErrorValue): boolean {
    return error.code !== this.state.lastError?.code;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState('connecting');
    try {
      await this.connect();
    } catch (err) {
      this.stopped = true;
      const error = this.errorOf(err);
      this.state.lastError = error;
      this.setState('closed');
      throw EngineError.from(error);
    }
    this.timer = setInterval(() => this.tick(), this.pace.tickMs);
    this.setState('connected');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.backoff.cancel();
    this.timer = null;
    await this.close();
    this.flushCounts();
    this.setState('closed');
  }

  /** The connection is lost (`detail` says how): a gap, state disconnected, the error, and reconnects with backoff. */
  protected lost(reason: Extract<GapReason, 'disconnected' | 'stalled'>, detail: string): void {
    if (this.stopped || !this.isOpen()) return;
    const t = Date.now();
    this.pace.log.info(`${this.label}: lost (${detail})`);
    this.closing = this.dropLost();
    this.gap(t, reason);
    this.setState('disconnected');
    const code = reason === 'stalled' ? 'STALLED' : 'DISCONNECTED';
    this.fail(errorValue(code, `${this.label}: ${detail}`, this.pace.lossHint));
    this.backoff.reset();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.backoff.schedule(() => void this.reconnect());
  }

  private async reconnect(): Promise<void> {
    await this.closing;
    if (this.stopped) return;
    this.setState('reconnecting');
    let where: string | null;
    try {
      where = await this.reconnectOnce();
    } catch (err) {
      if (this.stopped) return;
      const error = this.errorOf(err);
      if (this.isNews(error)) this.fail(error);
      this.scheduleReconnect();
      return;
    }
    if (where === null) {
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await this.close();
      return;
    }
    this.state.counts.reconnects++;
    this.backoff.reset();
    this.pace.log.info(`${this.label}: reconnected${where}`);
    this.setState('connected');
  }

  private errorOf(err: unknown): ErrorValue {
    return err instanceof EngineError ? err.toValue() : this.classify(err);
  }
}
