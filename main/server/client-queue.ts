// Browser mode, one WebSocket client's send queue: every message to the client (command replies,
// events) goes through it, so what one client has not read yet is bounded (FAULTS 6, issue 10).
//   - Messages wait in a FIFO outbox; the socket gets at most `socketBytes` at a time, long
//     messages as WebSocket fragments of `fragmentBytes` (the client sees one message).
//   - Above `highWaterBytes` queued, the client's requests are no longer read (its socket is
//     paused) and live sample batches are skipped and counted; once it drains, it is told how many
//     samples it missed (event `samplesMissed`) and can reload its history; the first batch it
//     gets after a skip has a gap at its first row, so the page never joins across the hole.
//     Monitor batches are skipped alike; the next one it gets counts the lines it missed.
//   - A client above the mark that reads nothing for `drainTimeoutMs`, or piles up
//     `maxQueuedBytes`, is closed with a reason, and what it had queued is released at once.
// Callers: ws-api.ts.
import type { WebSocket } from 'ws';

import type { MonitorBatch, SampleBatchWire, SamplesMissed } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';

const log = createLogger('ws');

export interface ClientQueueOptions {
  /** Queued bytes above which requests are not read and sample batches are skipped. Default 16 MiB. */
  highWaterBytes?: number;
  /** Queued bytes at which a client already above the high-water mark is closed (it does not read). Default 64 MiB. */
  maxQueuedBytes?: number;
  /** How long a client above the high-water mark may read nothing before it is closed, ms. Default 15,000. */
  drainTimeoutMs?: number;
  /** Largest WebSocket frame; longer messages go out as fragments. Default 256 KiB. */
  fragmentBytes?: number;
  /** Most bytes handed to the socket at once; the rest waits in the outbox. Default 1 MiB. */
  socketBytes?: number;
  /** Ms between a forced close's close frame and dropping the connection. Default 1000. */
  closeGraceMs?: number;
}

export type ClientQueueLimits = Required<ClientQueueOptions>;

export function queueLimits(options: ClientQueueOptions = {}): ClientQueueLimits {
  return {
    highWaterBytes: options.highWaterBytes ?? 16 * 1024 * 1024,
    maxQueuedBytes: options.maxQueuedBytes ?? 64 * 1024 * 1024,
    drainTimeoutMs: options.drainTimeoutMs ?? 15_000,
    fragmentBytes: options.fragmentBytes ?? 256 * 1024,
    socketBytes: options.socketBytes ?? 1024 * 1024,
    closeGraceMs: options.closeGraceMs ?? 1000,
  };
}

/** What one client has queued and lost, for tests, benchmarks and logs. */
export interface ClientQueueInfo {
  /** Bytes waiting: outbox plus what the socket has not written yet. */
  queuedBytes: number;
  /** Most bytes ever queued for this client. */
  peakQueuedBytes: number;
  /** Live samples skipped for this client since it connected. */
  missedSamples: number;
  /** Why the server closed it, when it did. */
  closedReason: string | null;
}

/** Policy-violation close code: the client broke the protocol's flow (it does not read). */
export const CLOSE_NOT_READING = 1008;

export class ClientQueue {
  private readonly outbox: string[] = [];
  /** Characters of the head message already handed to the socket (as fragments). */
  private headOffset = 0;
  private outboxBytes = 0;
  private socketBytes = 0;
  private peak = 0;
  private missed = 0;
  private missedUnsaid = 0;
  private missedSource: string | null = null;
  /** Batches were skipped: the next batch sent starts with a gap. */
  private gapOwed = false;
  /** Monitor lines skipped while the client was behind, added to the next monitor batch's `skipped`. */
  private monitorSkipped = 0;
  private paused = false;
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDrain = 0;
  private reason: string | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: ClientQueueLimits,
  ) {}

  get queuedBytes(): number {
    return this.outboxBytes + this.socketBytes;
  }

  get closed(): boolean {
    return this.reason !== null || this.socket.readyState !== this.socket.OPEN;
  }

  /** True while the client's requests should wait (its socket is paused). */
  get full(): boolean {
    return this.queuedBytes > this.limits.highWaterBytes;
  }

  info(): ClientQueueInfo {
    return { queuedBytes: this.queuedBytes, peakQueuedBytes: this.peak, missedSamples: this.missed, closedReason: this.reason };
  }

  /** Queues a message that must arrive (a reply, a status or error event). */
  send(text: string): void {
    if (this.closed) return;
    this.outbox.push(text);
    // Characters, not UTF-8 bytes: the JSON is nearly all ASCII, and counting is then O(1).
    this.outboxBytes += text.length;
    this.afterQueue(text.length);
  }

  /**
   * Queues a live sample batch (`text` is its event, serialized once for every client), or skips
   * and counts it when the client is behind.
   */
  sendSamples(text: string, batch: SampleBatchWire): void {
    if (this.closed) return;
    const samples = batch.t.length;
    if (this.full) {
      this.missed += samples;
      this.missedUnsaid += samples;
      this.missedSource = batch.sourceId;
      if (samples > 0) this.gapOwed = true;
      return;
    }
    if (this.missedUnsaid > 0) this.sayMissed();
    if (this.gapOwed && samples > 0) {
      // Why: the rows skipped lie between this batch and the last one the page has; it must not draw across them.
      this.gapOwed = false;
      if (batch.gaps[0] !== 0) text = JSON.stringify({ event: 'samples', payload: { ...batch, gaps: [0, ...batch.gaps] } });
    }
    this.send(text);
  }

  /** Queues a monitor batch (`text` is its event), or skips it and counts its lines when the client is behind. */
  sendMonitor(text: string, batch: MonitorBatch): void {
    if (this.closed) return;
    if (this.full) {
      this.monitorSkipped += batch.lines.length + batch.skipped;
      return;
    }
    if (this.monitorSkipped > 0) {
      text = JSON.stringify({ event: 'monitor', payload: { ...batch, skipped: batch.skipped + this.monitorSkipped } });
      this.monitorSkipped = 0;
    }
    this.send(text);
  }

  private sayMissed(): void {
    const payload: SamplesMissed = { sourceId: this.missedSource, samples: this.missedUnsaid, total: this.missed };
    this.missedUnsaid = 0;
    this.send(JSON.stringify({ event: 'samplesMissed', payload }));
  }

  private afterQueue(added = 0): void {
    this.peak = Math.max(this.peak, this.queuedBytes);
    this.pump();
    // One large reply to a client that reads (an imported file) is fine; piling up more is not.
    if (this.queuedBytes - added > this.limits.highWaterBytes && this.queuedBytes >= this.limits.maxQueuedBytes) {
      this.close(`it did not read its messages (${mb(this.queuedBytes)} queued)`);
      return;
    }
    if (this.full && !this.paused) {
      // Why: a client that does not read must not make the server build more replies for it.
      this.paused = true;
      this.socket.pause();
      this.lastDrain = Date.now();
      this.armDrainTimer(this.limits.drainTimeoutMs);
    }
  }

  /** Closes the client once it has read nothing for drainTimeoutMs (a slow reader that reads is kept). */
  private armDrainTimer(ms: number): void {
    this.drainTimer = setTimeout(() => {
      const idle = Date.now() - this.lastDrain;
      if (idle < this.limits.drainTimeoutMs) this.armDrainTimer(this.limits.drainTimeoutMs - idle);
      else this.close(`it did not read its messages for ${this.limits.drainTimeoutMs / 1000} s (${mb(this.queuedBytes)} queued)`);
    }, ms);
  }

  private afterDrain(): void {
    if (this.closed) return;
    this.pump();
    if (this.paused && this.queuedBytes <= this.limits.highWaterBytes / 2) {
      this.paused = false;
      if (this.drainTimer) clearTimeout(this.drainTimer);
      this.drainTimer = null;
      this.socket.resume();
      if (this.missedUnsaid > 0) this.sayMissed();
    }
  }

  /** Hands the socket what fits, fragment by fragment, in order. */
  private pump(): void {
    const { fragmentBytes, socketBytes } = this.limits;
    while (this.outbox.length > 0 && this.socketBytes < socketBytes && !this.closed) {
      const head = this.outbox[0];
      let end = Math.min(head.length, this.headOffset + fragmentBytes);
      // Why: a fragment must not split a surrogate pair (each fragment is encoded to UTF-8 alone).
      if (end < head.length && isHighSurrogate(head.charCodeAt(end - 1))) end--;
      const fin = end === head.length;
      const bytes = Buffer.from(head.slice(this.headOffset, end), 'utf8');
      this.socketBytes += bytes.length;
      this.socket.send(bytes, { binary: false, fin }, () => {
        this.socketBytes -= bytes.length;
        this.lastDrain = Date.now();
        this.afterDrain();
      });
      this.outboxBytes -= end - this.headOffset;
      if (fin) {
        this.outbox.shift();
        this.headOffset = 0;
      } else this.headOffset = end;
    }
  }

  /** Closes the client with a reason (it sees code 1008 if it ever reads again) and frees its queue. */
  close(why: string): void {
    if (this.reason !== null) return;
    this.reason = why;
    log.warn(`closing a client: ${why}`);
    this.dispose();
    const reason = `sensorcast closed this connection: ${why}`.slice(0, 120);
    try {
      this.socket.close(CLOSE_NOT_READING, reason);
    } catch {
      // already closing
    }
    // Why: a client that does not read never acknowledges the close; do not hold its buffers.
    setTimeout(() => this.socket.terminate(), this.limits.closeGraceMs).unref();
  }

  /** Releases the outbox and timers (the socket closed). */
  dispose(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.outbox.length = 0;
    this.outboxBytes = 0;
    this.headOffset = 0;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
