// The session hub: the source lifecycle of the live session. Holds the current source, routes its
// events to the live feed (live-feed.ts: the batches for the page every ~33 ms, never one message
// per sample, the history, the rate) and the recording (recording-control.ts), and sends a status
// line (state, samples/s, rejected, recording) once a second and on every change. Plain Node: used
// by Electron (main/index.ts) and browser mode (main/server) through create-session.ts.
import { ok, fail, type AppError, type AppStatus, type EventEnvelope, type HistoryWire, type Result, type SourceSpec } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';
import type { SourceStatus } from '../../shared/source-status';
import { toAppError, type ErrorValue } from '../../shared/errors';
import type { Source, SourceBatch } from '../sources/source';

import { LiveFeed } from './live-feed';
import { MonitorFeed } from './monitor-feed';
import { RecordingControl } from './recording-control';
import type { LiveRecorder } from './recording';
import { sourceLabel } from './source-label';

const log = createLogger('hub');

export type EventListener = (envelope: EventEnvelope) => void;

export interface SessionHubOptions {
  /** Makes a source from a spec (main/sources). Required. */
  createSource: (spec: SourceSpec) => Source;
  /** Starts a recording of the live samples; null when recording is not available. Default null. */
  createRecorder?: (() => LiveRecorder) | null;
  /** Batch period for sample events, ms. Default 33. */
  batchMs?: number;
  /** Samples kept in the live history (what a freshly opened page catches up with). Default 200,000. */
  historyCapacity?: number;
  /** Most samples in one batch; beyond, samples are dropped and counted (a flood). Default 50,000. */
  maxBatchSamples?: number;
  /** Status event period while a source runs, ms. Default 1000. */
  statusMs?: number;
}

export class SessionHub {
  private readonly createSource: (spec: SourceSpec) => Source;
  private readonly batchMs: number;
  private readonly statusMs: number;
  private readonly listeners = new Set<EventListener>();
  private readonly feed: LiveFeed;
  private readonly recording: RecordingControl;
  /** The serial monitor's raw lines (monitor-feed.ts), fed by each source the hub opens. */
  readonly monitor = new MonitorFeed((envelope) => this.emit(envelope));
  private source: Source | null = null;
  private sourceId: string | null = null;
  private label = 'No source';
  private sourceStatus: SourceStatus | null = null;
  private batchTimer: ReturnType<typeof setInterval> | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private lastError: AppError | null = null;
  private nextId = 1;

  constructor(options: SessionHubOptions) {
    this.createSource = options.createSource;
    this.batchMs = options.batchMs ?? 33;
    this.statusMs = options.statusMs ?? 1000;
    this.feed = new LiveFeed(options.maxBatchSamples ?? 50_000, options.historyCapacity ?? 200_000);
    this.recording = new RecordingControl(options.createRecorder ?? null, (error) => {
      this.emit({ event: 'error', payload: error });
      this.emitStatus();
    });
  }

  /** Subscribes to app events (samples, status, error); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(envelope: EventEnvelope): void {
    for (const listener of this.listeners) {
      try {
        listener(envelope);
      } catch (err) {
        log.error('event listener failed', err);
      }
    }
  }

  private emitStatus(): void {
    this.emit({ event: 'status', payload: this.status() });
  }

  /** Closes the current source (if any) and starts a new one. */
  async open(spec: SourceSpec): Promise<Result<AppStatus>> {
    await this.close();
    const source = this.createSource(spec);
    const id = `src-${this.nextId++}`;
    this.source = source;
    this.sourceId = id;
    this.label = sourceLabel(spec);
    this.feed.reset();
    this.lastError = null;
    source.on('samples', (batch) => this.onSamples(id, batch));
    source.on('gap', (t) => this.onGap(id, t));
    source.on('status', (status) => this.onStatus(id, status));
    source.on('error', (error) => this.onError(id, error));
    this.monitor.attach(id, source);
    this.sourceStatus = source.status();
    this.startTimers();
    try {
      await source.start();
    } catch (err) {
      const error = toAppError(err, 'OPEN_FAILED');
      log.warn(`could not open ${this.label}: ${error.message}`);
      await this.close();
      this.lastError = error;
      this.emitStatus();
      return { ok: false, error };
    }
    this.sourceStatus = source.status();
    this.emitStatus();
    return ok(this.status());
  }

  /** Stops the current source and the recording; idempotent. */
  async close(): Promise<AppStatus> {
    const source = this.source;
    this.flush();
    this.source = null;
    this.sourceId = null;
    this.sourceStatus = null;
    this.monitor.detach();
    this.stopTimers();
    if (source) await source.stop().catch((err: unknown) => log.warn('source stop failed', err));
    if (this.recording.on) await this.stopRecording();
    this.label = 'No source';
    this.emitStatus();
    return this.status();
  }

  private startTimers(): void {
    this.stopTimers();
    this.batchTimer = setInterval(() => this.flush(), this.batchMs);
    this.statusTimer = setInterval(() => this.emitStatus(), this.statusMs);
  }

  private stopTimers(): void {
    if (this.batchTimer) clearInterval(this.batchTimer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.batchTimer = null;
    this.statusTimer = null;
  }

  private onSamples(id: string, batch: SourceBatch): void {
    if (id !== this.sourceId) return; // a late event from a source we already closed
    // Channels grew: send what we have under the old names first.
    if (this.feed.channelsChange(batch.channels)) this.flush();
    this.feed.add(batch.channels, batch.samples);
    this.recording.write(batch.channels, batch.samples);
  }

  private onGap(id: string, t: number): void {
    if (id !== this.sourceId) return;
    this.feed.gap();
    this.recording.gap(t);
  }

  private onStatus(id: string, status: SourceStatus): void {
    if (id !== this.sourceId) return;
    const previous = this.sourceStatus;
    this.sourceStatus = status;
    const before = previous?.counts.rejected ?? 0;
    if (status.counts.rejected > before) this.feed.reject(status.counts.rejected - before);
    if (!previous || previous.state !== status.state) {
      log.info(`${this.label}: ${status.state}`);
      this.emitStatus();
    }
  }

  private onError(id: string, error: ErrorValue): void {
    if (id !== this.sourceId) return;
    this.lastError = error;
    this.emit({ event: 'error', payload: this.lastError });
  }

  /**
   * Sends the pending samples as one batch (called by the timer). A gap with no row after it yet
   * waits for the next batch that has one, so it is never lost.
   */
  flush(): void {
    if (!this.sourceId) return;
    const batch = this.feed.take(this.sourceId);
    if (batch) this.emit({ event: 'samples', payload: batch });
  }

  status(): AppStatus {
    const s = this.sourceStatus;
    return {
      sourceId: this.sourceId,
      label: this.label,
      kind: s?.kind ?? null,
      state: s ? s.state : 'idle',
      channels: s?.channels.length ? [...s.channels] : [...this.feed.channels],
      units: { ...(s?.units ?? {}) },
      samplesPerSecond: this.source ? this.feed.perSecond() : 0,
      received: this.feed.received,
      rejected: s?.counts.rejected ?? 0,
      dropped: (s?.counts.dropped ?? 0) + this.feed.dropped,
      reconnects: s?.counts.reconnects ?? 0,
      recording: this.recording.status(),
      error: s?.lastError ?? this.lastError,
    };
  }

  /**
   * The newest samples of the live history, for a page that (re)connects or missed samples
   * (default: all the hub holds), with the rows that follow a gap. Pending samples are sent first,
   * so every batch that comes after this snapshot holds only newer samples.
   */
  history(maxPoints?: number): HistoryWire {
    this.flush();
    return this.feed.history(maxPoints);
  }

  async startRecording(): Promise<Result<AppStatus>> {
    if (!this.recording.available) return fail('unsupported', 'Recording is not available here.');
    if (!this.source) return fail('no-source', 'Open a source before recording.', 'Pick a serial port, a file to replay or the demo.');
    if (this.recording.on) return ok(this.status());
    // The source's channels as the status says them: a replayed file knows them before its first sample.
    const started = await this.recording.start(this.status().channels);
    this.emitStatus();
    return started.ok ? ok(this.status()) : started;
  }

  async stopRecording(): Promise<Result<AppStatus>> {
    await this.recording.stop();
    this.emitStatus();
    return ok(this.status());
  }

  async dispose(): Promise<void> {
    await this.close();
    this.listeners.clear();
  }
}
