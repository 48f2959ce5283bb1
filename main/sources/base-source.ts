// Shared plumbing of every Source (serial, MQTT, replay and the demo, a replay): typed events, the
// status snapshot, counts and state changes. Implementations extend it and plug in their input:
// replay-source.ts, and serial-source.ts and mqtt-source.ts through reconnecting-source.ts.
import { EventEmitter } from 'node:events';

import { createLogger } from '../../shared/logger';
import { emptyCounts, type SourceKind, type SourceState, type SourceStatus } from '../../shared/source-status';
import { type ErrorValue } from '../../shared/errors';

import type { GapReason, Source, SourceBatch, SourceEvents } from './source';

const log = createLogger('source');

export abstract class BaseSource extends EventEmitter implements Source {
  protected readonly state: SourceStatus;
  private countsDirty = false;

  constructor(
    readonly kind: SourceKind,
    readonly label: string,
  ) {
    super();
    this.state = { state: 'closed', kind, label, channels: [], units: {}, counts: emptyCounts(), lastError: null, since: Date.now() };
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  status(): SourceStatus {
    return { ...this.state, channels: this.state.channels, units: { ...this.state.units }, counts: { ...this.state.counts } };
  }

  override on<E extends keyof SourceEvents>(event: E, listener: SourceEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof SourceEvents>(event: E, listener: SourceEvents[E]): this {
    return super.off(event, listener);
  }

  protected setState(next: SourceState): void {
    if (this.state.state === next) return;
    log.debug(`${this.label}: ${this.state.state} -> ${next}`);
    this.state.state = next;
    this.state.since = Date.now();
    if (next === 'connected') this.state.lastError = null;
    this.emitStatus();
  }

  protected emitStatus(): void {
    this.countsDirty = false;
    this.emit('status', this.status());
  }

  /** Emits a status if counts changed since the last one (call from a timer: counts at most a few per second). */
  protected flushCounts(): void {
    if (this.countsDirty) this.emitStatus();
  }

  protected fail(error: ErrorValue): void {
    this.state.lastError = error;
    // An EventEmitter throws on an `error` event nobody listens to: the status carries it anyway.
    if (this.listenerCount('error') > 0) this.emit('error', error);
    this.emitStatus();
  }

  protected deliver(batch: SourceBatch, rejected = 0): void {
    this.state.counts.samples += batch.samples.length;
    this.state.counts.rejected += rejected;
    if (batch.samples.length > 0 || rejected > 0) this.countsDirty = true;
    if (batch.channels.length !== this.state.channels.length) {
      // A fresh array on each change, so a consumer may keep the one it was given.
      this.state.channels = [...batch.channels];
      this.emitStatus();
    }
    if (batch.samples.length > 0) this.emit('samples', { channels: this.state.channels, samples: batch.samples });
  }

  protected setUnits(units: Record<string, string>): void {
    this.state.units = { ...units };
  }

  protected gap(t: number, reason: GapReason): void {
    this.emit('gap', t, reason);
  }
}
