// The page's monitor, main side: takes the raw lines of the live source (a serial port's,
// main/sources/serial-source.ts `onLines`; an MQTT broker's messages, mqtt-source.ts), keeps the newest few hundred for a monitor that opens,
// and forwards them to the pages as `monitor` events only while a page holds a watch lease: in
// batches about ten times a second, never one message per line, at most MAX_MONITOR_BATCH lines a
// batch (the rest are counted as skipped), so a flood of lines cannot crowd out the samples. Sends a
// line typed in the page to the board, and shows it among the lines. Owned by the session hub
// (session-hub.ts attaches each source it opens); the app API's monitorWatch and sendLine call it.
import { fail, ok, MAX_MONITOR_BATCH, MAX_MONITOR_TEXT, MONITOR_BACKLOG, type EventEnvelope, type MonitorLine, type MonitorWatch, type Result, type SendLineParams } from '../../shared/api/contract';
import { SEND_ENDINGS, type RawLine } from '../../shared/decode/raw-line';
import { toAppError } from '../../shared/errors';
import type { Source } from '../sources/source';

/** What a source needs for the monitor: its raw lines, and a write path where lines can be sent (a serial port has both, MQTT only lines). */
export interface LineSource {
  /** Every line as it arrived, a chunk at a time; returns the unsubscribe function. */
  onLines(listener: (lines: RawLine[]) => void): () => void;
  /** Writes text to the device as it is; rejects with an EngineError (DISCONNECTED) when it cannot. */
  write?(text: string): Promise<void>;
}

function isLineSource(source: Source): source is Source & LineSource {
  return typeof (source as Partial<LineSource>).onLines === 'function';
}

export interface MonitorFeedOptions {
  /** Batch period, ms. Default 100. */
  batchMs?: number;
  /** How long a watch lease lasts without a renewal, ms. Default 30,000. */
  leaseMs?: number;
  /** Lines kept for a monitor that opens. Default MONITOR_BACKLOG (500). */
  backlog?: number;
  /** Most lines a batch carries. Default MAX_MONITOR_BATCH (1,000). */
  maxBatch?: number;
}

export class MonitorFeed {
  private readonly batchMs: number;
  private readonly leaseMs: number;
  private readonly backlogSize: number;
  private readonly maxBatch: number;
  /** Viewer id -> lease end (ms). */
  private readonly viewers = new Map<string, number>();
  private readonly backlog: MonitorLine[] = [];
  private pending: MonitorLine[] = [];
  private skipped = 0;
  private seq = 0;
  private sourceId: string | null = null;
  private source: (Source & LineSource) | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly emit: (envelope: EventEnvelope) => void,
    options: MonitorFeedOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.backlogSize = options.backlog ?? MONITOR_BACKLOG;
    this.maxBatch = options.maxBatch ?? MAX_MONITOR_BATCH;
  }

  /** The hub opened `source` as `sourceId`: its lines are the monitor's from now on. */
  attach(sourceId: string, source: Source): void {
    this.detach();
    this.sourceId = sourceId;
    if (!isLineSource(source)) return;
    this.source = source;
    this.unsubscribe = source.onLines((lines) => this.add(lines));
  }

  /** The source closed: what is pending goes out, the backlog is emptied. */
  detach(): void {
    this.flush();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.source = null;
    this.sourceId = null;
    this.backlog.length = 0;
  }

  /** A page opened (or renews) its monitor, or closed it. Returns the backlog on open. */
  watch(viewer: string, open: boolean): MonitorWatch {
    const now = Date.now();
    if (open) {
      // Why a bound: each page makes up its own id; a page that reloads in a loop must not grow the map.
      if (!this.viewers.has(viewer) && this.viewers.size >= 64) this.expire(now, true);
      this.viewers.set(viewer, now + this.leaseMs);
      // Unref'd: it stops by itself once the leases run out, and never keeps the process alive.
      this.timer ??= setInterval(() => this.tick(), this.batchMs).unref();
    } else this.viewers.delete(viewer);
    return { sourceId: this.sourceId, raw: this.source !== null, sends: typeof this.source?.write === 'function', lines: open ? this.backlog.slice(-this.backlogSize) : [] };
  }

  /** Sends `text` and its line ending to the board; the line then shows in the monitor as sent. */
  async send({ text, ending }: SendLineParams): Promise<Result<{ bytes: number }>> {
    const source = this.source;
    if (!source?.write) return fail('unsupported', this.sourceId ? 'Only a serial port takes lines from the monitor.' : 'Open a serial port before sending a line.');
    const data = text + SEND_ENDINGS[ending];
    try {
      await source.write(data);
    } catch (err) {
      return { ok: false, error: toAppError(err, 'DISCONNECTED') };
    }
    if (source === this.source) this.add([{ t: Date.now(), kind: 'sent', text }]);
    return ok({ bytes: new TextEncoder().encode(data).length });
  }

  private add(lines: RawLine[]): void {
    const watched = this.viewers.size > 0;
    for (const line of lines) {
      const text = line.text.length > MAX_MONITOR_TEXT ? line.text.slice(0, MAX_MONITOR_TEXT) : line.text;
      const entry: MonitorLine = line.reason ? { seq: this.seq++, t: line.t, kind: line.kind, text, reason: line.reason } : { seq: this.seq++, t: line.t, kind: line.kind, text };
      this.backlog.push(entry);
      if (!watched) continue;
      if (this.pending.length < this.maxBatch) this.pending.push(entry);
      else this.skipped++;
    }
    // Trimmed in one go now and then, not shifted line by line.
    if (this.backlog.length > 2 * this.backlogSize) this.backlog.splice(0, this.backlog.length - this.backlogSize);
  }

  private tick(): void {
    this.expire(Date.now(), false);
    this.flush();
    if (this.viewers.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Drops leases that ran out; with `oldest`, also the one that runs out first. */
  private expire(now: number, oldest: boolean): void {
    let first: string | null = null;
    for (const [viewer, until] of this.viewers) {
      if (until <= now) this.viewers.delete(viewer);
      else if (first === null || until < (this.viewers.get(first) ?? Infinity)) first = viewer;
    }
    if (oldest && first !== null) this.viewers.delete(first);
  }

  private flush(): void {
    if (!this.sourceId || (this.pending.length === 0 && this.skipped === 0)) return;
    const payload = { sourceId: this.sourceId, lines: this.pending, skipped: this.skipped };
    this.pending = [];
    this.skipped = 0;
    this.emit({ event: 'monitor', payload });
  }
}
