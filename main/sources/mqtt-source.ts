// Live source: topics of an MQTT broker (Mosquitto, Home Assistant's broker) through mqtt.js.
// Messages -> samples (shared MqttPayloadDecoder: plain numbers, JSON objects, Arduino lines),
// delivered in batches on a timer. mqtt.js's own reconnect is off: after a loss this source
// emits a gap and reconnects with backoff (a new client each time, subscribed again) through
// ReconnectingSource (reconnecting-source.ts), as the serial source does; a failed first connect
// rejects start() with a typed code (BROKER_UNREACHABLE, BAD_CREDENTIALS, NOT_AUTHORIZED,
// TLS_FAILED). The password is never logged. One connection (and the CA file of mqtts://) is
// mqtt-connect.ts. Each message also reaches the page's monitor as a line `topic payload`
// (`onLines`, main/session/monitor-feed.ts), marked rejected with why where it could not be read.
// Created by createSource() (create-source.ts); used by the app and `sensorcast record --mqtt`.
import type { MqttClient } from 'mqtt';

import type { MqttSpec } from '../../shared/api/contract';
import { MqttPayloadDecoder, type PayloadRejectReason } from '../../shared/decode/mqtt-payload';
import type { RawLine } from '../../shared/decode/raw-line';
import { createLogger } from '../../shared/logger';
import type { Sample } from '../../shared/samples';
import { errorValue, type ErrorValue } from '../../shared/errors';

import { connectBroker, readCaFile } from './mqtt-connect';
import { classifyMqttError, redactUrl } from './mqtt-errors';
import { ReconnectingSource } from './reconnecting-source';

const log = createLogger('mqtt');

export interface MqttSourceOptions {
  /** How long to wait for the broker's answer (CONNACK), in ms. Default `5000`. */
  connectTimeoutMs?: number;
  /** First reconnect delay, doubled after each failed try. Default `250`. */
  backoffMs?: number;
  /** Longest reconnect delay. Default `2000` (a broker that returns is used again within about 2 s). */
  maxBackoffMs?: number;
  /** How often decoded samples are delivered as one batch, and counts checked, in ms. Default `50`. */
  batchMs?: number;
  /** MQTT keepalive, in seconds: a broker that stops answering is noticed within about 1.5x this. Default `10`. */
  keepaliveS?: number;
  /** Largest payload decoded, in bytes; larger ones are rejected. Default `16384`. */
  maxPayloadBytes?: number;
  /** Rejected payloads are reported (UNREADABLE_PAYLOADS) at most this often, in ms. Default `10000`. */
  rejectReportMs?: number;
}

// Wall-clock times before 2000 or more than a day ahead are a device counter or a wrong clock.
const EARLIEST_WALL_CLOCK = Date.UTC(2000, 0, 1);
const MAX_CLOCK_AHEAD_MS = 86_400_000;

export class MqttSource extends ReconnectingSource {
  private readonly opts: Required<MqttSourceOptions>;
  private readonly decoder: MqttPayloadDecoder;
  private client: MqttClient | null = null;
  private pending: Sample[] = [];
  private pendingRejected = 0;
  private lastReject: { topic: string; reason: PayloadRejectReason; preview: string } | null = null;
  private rejectsSinceReport = 0;
  private lastReportAt = 0;
  private ca: Buffer | undefined;
  /** The monitor's listeners, and the messages as lines since the last batch (kept only while one listens). */
  private readonly lineListeners = new Set<(lines: RawLine[]) => void>();
  private pendingLines: RawLine[] = [];

  constructor(
    private readonly spec: MqttSpec,
    options: MqttSourceOptions = {},
  ) {
    const opts: Required<MqttSourceOptions> = {
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      backoffMs: options.backoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 2000,
      batchMs: options.batchMs ?? 50,
      keepaliveS: options.keepaliveS ?? 10,
      maxPayloadBytes: options.maxPayloadBytes ?? 16_384,
      rejectReportMs: options.rejectReportMs ?? 10_000,
    };
    super('mqtt', `${redactUrl(spec.url)} ${spec.topics.join(' ')}`, {
      backoffMs: opts.backoffMs,
      maxBackoffMs: opts.maxBackoffMs,
      tickMs: opts.batchMs,
      log,
      lossHint: 'The broker stopped or the network dropped; sensorcast reconnects when the broker is back.',
    });
    this.opts = opts;
    this.decoder = new MqttPayloadDecoder({ filters: spec.topics, maxLength: this.opts.maxPayloadBytes });
  }

  protected async connect(): Promise<void> {
    this.ca = await readCaFile(this.spec, this.label);
    await this.connectOnce();
  }

  protected async reconnectOnce(): Promise<string> {
    await this.connectOnce();
    return '';
  }

  protected close(): Promise<void> {
    this.flushPending();
    return this.endClient();
  }

  protected dropLost(): Promise<void> {
    // The next client does not wait for the old one's end: a broker takes any number of clients.
    void this.endClient();
    this.flushPending();
    return Promise.resolve();
  }

  protected isOpen(): boolean {
    return this.client !== null;
  }

  protected classify(err: unknown): ErrorValue {
    return classifyMqttError(this.label, err, this.spec.username);
  }

  /** One connection (connectBroker), its messages and its loss wired to this source. */
  private async connectOnce(): Promise<void> {
    const client = await connectBroker(this.spec, this.label, { connectTimeoutMs: this.opts.connectTimeoutMs, keepaliveS: this.opts.keepaliveS, ca: this.ca });
    this.client = client;
    client.on('message', (topic: string, payload: Buffer) => {
      if (this.client === client) this.onMessage(topic, payload);
    });
    client.on('close', () => {
      if (this.client === client) this.lost('disconnected', 'the broker closed the connection');
    });
  }

  private endClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return Promise.resolve();
    return new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  /** Subscribes to every message as a line `topic payload` (the monitor); returns the unsubscribe function. */
  onLines(listener: (lines: RawLine[]) => void): () => void {
    this.lineListeners.add(listener);
    return () => void this.lineListeners.delete(listener);
  }

  private onMessage(topic: string, payload: Buffer): void {
    const now = Date.now();
    const watched = this.lineListeners.size > 0;
    if (payload.length > this.opts.maxPayloadBytes) {
      this.rejected(topic, 'too-long', 1, '');
      if (watched) this.pendingLines.push({ t: now, kind: 'rejected', text: `${topic} <${payload.length} bytes>`, reason: 'too-long' });
      return;
    }
    const text = payload.toString('utf8');
    const r = this.decoder.decode(topic, text);
    if (r.rejected > 0) this.rejected(topic, r.reason ?? 'non-numeric', r.rejected, text);
    if (watched) {
      // One monitor line per message: a multi-line payload shows its line ends as \n.
      const line = `${topic} ${text.replace(/\r?\n/g, '\\n')}`;
      this.pendingLines.push(r.samples.length > 0 || r.rejected === 0 ? { t: now, kind: 'data', text: line } : { t: now, kind: 'rejected', text: line, reason: r.reason ?? 'non-numeric' });
    }
    for (const s of r.samples) {
      let t = now;
      if (s.wallClock && s.deviceTime !== undefined && s.deviceTime >= EARLIEST_WALL_CLOCK && s.deviceTime <= now + MAX_CLOCK_AHEAD_MS) t = s.deviceTime;
      this.pending.push({ t, values: s.values });
    }
  }

  private rejected(topic: string, reason: PayloadRejectReason, n: number, text: string): void {
    this.pendingRejected += n;
    this.rejectsSinceReport += n;
    const preview = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    this.lastReject = { topic, reason, preview };
  }

  /** The batch timer: deliver what arrived, report rejected payloads, flush counts. */
  protected tick(): void {
    this.flushPending();
    const now = Date.now();
    if (this.rejectsSinceReport > 0 && this.lastReject && now - this.lastReportAt >= this.opts.rejectReportMs) {
      const { topic, reason, preview } = this.lastReject;
      // eslint-disable-next-line no-control-regex
      const shown = preview.replace(/[\u0000-\u001f\u007f]/g, '?');
      this.fail(errorValue('UNREADABLE_PAYLOADS', `${this.label}: ${this.rejectsSinceReport} messages could not be read (last on ${topic}: ${reason}${shown ? `, "${shown}"` : ''})`));
      this.rejectsSinceReport = 0;
      this.lastReportAt = now;
    }
    this.flushCounts();
  }

  private flushPending(): void {
    if (this.pendingLines.length > 0) {
      const lines = this.pendingLines;
      this.pendingLines = [];
      for (const listener of this.lineListeners) listener(lines);
    }
    if (this.pending.length === 0 && this.pendingRejected === 0) return;
    const samples = this.pending;
    const rejected = this.pendingRejected;
    this.pending = [];
    this.pendingRejected = 0;
    if (Object.keys(this.decoder.units).length !== Object.keys(this.state.units).length) this.setUnits(this.decoder.units);
    this.deliver({ channels: this.decoder.channels, samples }, rejected);
  }
}
