// The session hub: holds the current live source, its ring buffer and the recorder, and turns the
// source's events into app events for the page: samples batched on a timer (~33 ms, never one
// message per sample) and a status line (state, samples/s, rejected, recording) once a second and
// on every change. Plain Node: used by Electron (main/index.ts) and browser mode (server/).
import { ok, fail, type AppError, type AppStatus, type EventEnvelope, type HistoryWire, type Result } from '../../shared/api/contract';
import { toWireNumbers } from '../../shared/api/wire';
import { RingBuffer } from '../../shared/buffer/ring-buffer';
import { createLogger } from '../../shared/logger';
import type { DataError, SourceStatus } from '../../shared/source-status';
import type { Source, SourceBatch, SourceSpec } from '../sources/source';

import type { LiveRecorder } from './recording';

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

interface Pending {
  t: number[];
  values: (number | null)[][];
  /** Row indices into `t` of the rows that follow a gap. */
  gaps: number[];
  /** Data was lost after the last row: the next row follows a gap (carried into the next batch when this one has no rows). */
  gapNext: boolean;
  rejected: number;
  dropped: number;
}

function emptyPending(gapNext = false): Pending {
  return { t: [], values: [], gaps: [], gapNext, rejected: 0, dropped: 0 };
}

function describe(spec: SourceSpec): string {
  if (spec.kind === 'serial') return `${spec.path} @ ${spec.baudRate}`;
  if (spec.kind === 'mqtt') return `MQTT: ${spec.url} ${spec.topics.join(' ')}`;
  if (spec.kind === 'replay') return `Replay: ${spec.path.split(/[\\/]/).pop() ?? spec.path} (x${spec.speed})`;
  return 'Demo';
}

function toAppError(error: { code: string; message: string; hint?: string }): AppError {
  return error.hint === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, hint: error.hint };
}

export class SessionHub {
  private readonly options: Required<Omit<SessionHubOptions, 'createRecorder'>> & { createRecorder: (() => LiveRecorder) | null };
  private readonly listeners = new Set<EventListener>();
  private source: Source | null = null;
  private sourceId: string | null = null;
  private label = 'No source';
  private sourceStatus: SourceStatus | null = null;
  private buffer: RingBuffer;
  private pending = emptyPending();
  private channels: string[] = [];
  private batchTimer: ReturnType<typeof setInterval> | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private rateWindow: { t: number; n: number }[] = [];
  private received = 0;
  /** Samples the hub could not send (a flood past maxBatchSamples), this source. */
  private floodDropped = 0;
  private lastError: AppError | null = null;
  private recorder: LiveRecorder | null = null;
  private recordingError: AppError | null = null;
  private nextId = 1;

  constructor(options: SessionHubOptions) {
    this.options = {
      createSource: options.createSource,
      createRecorder: options.createRecorder ?? null,
      batchMs: options.batchMs ?? 33,
      historyCapacity: options.historyCapacity ?? 200_000,
      maxBatchSamples: options.maxBatchSamples ?? 50_000,
      statusMs: options.statusMs ?? 1000,
    };
    this.buffer = new RingBuffer({ capacity: this.options.historyCapacity });
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

  /** Closes the current source (if any) and starts a new one. */
  async open(spec: SourceSpec): Promise<Result<AppStatus>> {
    await this.close();
    const source = this.options.createSource(spec);
    const id = `src-${this.nextId++}`;
    this.source = source;
    this.sourceId = id;
    this.label = describe(spec);
    this.channels = [];
    this.buffer = new RingBuffer({ capacity: this.options.historyCapacity });
    this.pending = emptyPending();
    this.received = 0;
    this.floodDropped = 0;
    this.rateWindow = [];
    this.lastError = null;
    source.on('samples', (batch) => this.onSamples(id, batch));
    source.on('gap', (t) => this.onGap(id, t));
    source.on('status', (status) => this.onStatus(id, status));
    source.on('error', (error) => this.onError(id, error));
    this.sourceStatus = source.status();
    this.startTimers();
    try {
      await source.start();
    } catch (err) {
      const e = err as Partial<DataError> & Error;
      const error = toAppError({ code: typeof e.code === 'string' ? e.code : 'OPEN_FAILED', message: e.message ?? String(err), hint: e.hint });
      log.warn(`could not open ${this.label}: ${error.message}`);
      await this.close();
      this.lastError = error;
      this.emit({ event: 'status', payload: this.status() });
      return { ok: false, error };
    }
    this.sourceStatus = source.status();
    this.emit({ event: 'status', payload: this.status() });
    return ok(this.status());
  }

  /** Stops the current source and the recording; idempotent. */
  async close(): Promise<AppStatus> {
    const source = this.source;
    this.flush();
    this.source = null;
    this.sourceId = null;
    this.sourceStatus = null;
    this.stopTimers();
    if (source) {
      await source.stop().catch((err: unknown) => log.warn('source stop failed', err));
    }
    if (this.recorder) await this.stopRecording();
    this.label = 'No source';
    this.emit({ event: 'status', payload: this.status() });
    return this.status();
  }

  private startTimers(): void {
    this.stopTimers();
    this.batchTimer = setInterval(() => this.flush(), this.options.batchMs);
    this.statusTimer = setInterval(() => this.emit({ event: 'status', payload: this.status() }), this.options.statusMs);
  }

  private stopTimers(): void {
    if (this.batchTimer) clearInterval(this.batchTimer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.batchTimer = null;
    this.statusTimer = null;
  }

  private onSamples(id: string, batch: SourceBatch): void {
    if (id !== this.sourceId) return; // a late event from a source we already closed
    if (batch.channels.length !== this.channels.length || batch.channels.some((c, i) => c !== this.channels[i])) {
      // Channels grew: send what we have under the old names first.
      this.flush();
      this.channels = [...batch.channels];
      this.buffer.syncChannels(this.channels);
    }
    const room = this.options.maxBatchSamples - this.pending.t.length;
    const n = batch.samples.length;
    for (let i = 0; i < n; i++) {
      const s = batch.samples[i];
      this.buffer.push(s.t, s.values);
      if (i < room) {
        if (this.pending.gapNext) {
          this.pending.gaps.push(this.pending.t.length);
          this.pending.gapNext = false;
        }
        this.pending.t.push(s.t);
        this.pending.values.push(toWireNumbers(s.values));
      }
    }
    if (n > room && room >= 0) {
      // Why: a flood must not grow memory or stall the page; what we cannot send is counted, and
      // the page's next row follows a gap (main's history keeps every sample).
      this.pending.dropped += n - Math.max(0, room);
      this.floodDropped += n - Math.max(0, room);
      this.pending.gapNext = true;
    }
    this.received += n;
    this.rateWindow.push({ t: Date.now(), n });
    this.recorder?.write(this.channels, batch.samples);
  }

  private onGap(id: string, t: number): void {
    if (id !== this.sourceId) return;
    this.buffer.markGap();
    this.pending.gapNext = true;
    this.recorder?.gap(t);
  }

  private onStatus(id: string, status: SourceStatus): void {
    if (id !== this.sourceId) return;
    const previous = this.sourceStatus;
    this.sourceStatus = status;
    if (status.counts.rejected > (previous?.counts.rejected ?? 0)) this.pending.rejected += status.counts.rejected - (previous?.counts.rejected ?? 0);
    if (!previous || previous.state !== status.state) {
      log.info(`${this.label}: ${status.state}`);
      this.emit({ event: 'status', payload: this.status() });
    }
  }

  private onError(id: string, error: DataError): void {
    if (id !== this.sourceId) return;
    this.lastError = toAppError(error);
    this.emit({ event: 'error', payload: this.lastError });
  }

  /**
   * Sends the pending samples as one batch (called by the timer). A gap with no row after it yet
   * waits for the next batch that has one, so it is never lost.
   */
  flush(): void {
    const p = this.pending;
    if (!this.sourceId || (p.t.length === 0 && p.rejected === 0 && p.dropped === 0)) return;
    this.pending = emptyPending(p.gapNext);
    this.emit({ event: 'samples', payload: { sourceId: this.sourceId, channels: [...this.channels], t: p.t, values: p.values, gaps: p.gaps, rejected: p.rejected, dropped: p.dropped } });
  }

  private samplesPerSecond(): number {
    const now = Date.now();
    while (this.rateWindow.length && now - this.rateWindow[0].t > 2000) this.rateWindow.shift();
    if (this.rateWindow.length === 0) return 0;
    const n = this.rateWindow.reduce((sum, r) => sum + r.n, 0);
    const span = Math.max(1000, now - this.rateWindow[0].t);
    return Math.round((n * 1000) / span);
  }

  status(): AppStatus {
    const s = this.sourceStatus;
    const rec = this.recorder?.info();
    return {
      sourceId: this.sourceId,
      label: this.label,
      kind: s?.kind ?? null,
      state: s ? s.state : 'idle',
      channels: s?.channels.length ? [...s.channels] : [...this.channels],
      units: { ...(s?.units ?? {}) },
      samplesPerSecond: this.source ? this.samplesPerSecond() : 0,
      received: this.received,
      rejected: s?.counts.rejected ?? 0,
      dropped: (s?.counts.dropped ?? 0) + this.floodDropped,
      reconnects: s?.counts.reconnects ?? 0,
      recording: { on: rec !== undefined, path: rec?.path ?? null, bytes: rec?.bytes ?? 0, error: this.recordingError },
      error: s?.lastError ? toAppError(s.lastError) : this.lastError,
    };
  }

  /**
   * The newest samples of the live history, for a page that (re)connects or missed samples
   * (default: all the hub holds), with the rows that follow a gap. Pending samples are sent first,
   * so every batch that comes after this snapshot holds only newer samples.
   */
  history(maxPoints = this.options.historyCapacity): HistoryWire {
    this.flush();
    const snap = this.buffer.latest(maxPoints);
    const values: (number | null)[][] = new Array(snap.time.length);
    for (let i = 0; i < snap.time.length; i++) values[i] = toWireNumbers(snap.channels.map((c) => c.values[i]));
    return { channels: snap.channels.map((c) => c.name), t: Array.from(snap.time), values, gaps: snap.gaps };
  }

  async startRecording(): Promise<Result<AppStatus>> {
    if (!this.options.createRecorder) return fail('unsupported', 'Recording is not available here.');
    if (!this.source) return fail('no-source', 'Open a source before recording.', 'Pick a serial port, a file to replay or the demo.');
    if (this.recorder) return ok(this.status());
    const recorder = this.options.createRecorder();
    this.recordingError = null;
    recorder.onError((error) => {
      // Why: a full disk stops the recording visibly, never the live view (FAULTS 18).
      this.recordingError = toAppError(error);
      this.recorder = null;
      this.emit({ event: 'error', payload: this.recordingError });
      this.emit({ event: 'status', payload: this.status() });
    });
    try {
      await recorder.start(this.channels);
    } catch (err) {
      const e = err as Partial<DataError> & Error;
      this.recordingError = toAppError({ code: typeof e.code === 'string' ? e.code : 'RECORDING_FAILED', message: e.message ?? String(err), hint: e.hint });
      this.emit({ event: 'status', payload: this.status() });
      return { ok: false, error: this.recordingError };
    }
    this.recorder = recorder;
    this.emit({ event: 'status', payload: this.status() });
    return ok(this.status());
  }

  async stopRecording(): Promise<Result<AppStatus>> {
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder) await recorder.stop().catch((err: unknown) => log.warn('recorder stop failed', err));
    this.emit({ event: 'status', payload: this.status() });
    return ok(this.status());
  }

  async dispose(): Promise<void> {
    await this.close();
    this.listeners.clear();
  }
}
