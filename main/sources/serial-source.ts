// Live source: a serial port (Arduino) through serialport 13. Bytes -> lines (shared LineFramer,
// capped, first partial line after every open dropped) -> samples (shared LineDecoder).
// Loss detection does not rely on serialport's `close` event, which often never fires when a
// device vanishes (bindings-cpp #162): a timer watches the device path (and the node it points
// to) and a data watchdog reports stalls. After a loss it reconnects with backoff, at the same
// path or at a new path with the same serial number / VID:PID, and emits a gap.
// Created by createSource() (create-source.ts); used by the app and `sensorcast record`.
import { realpath } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

import { SerialPort } from 'serialport';

import type { PortInfo, SerialSpec } from '../../shared/api/contract';
import { LineDecoder } from '../../shared/decode/line-decoder';
import { LineFramer } from '../../shared/decode/line-framer';
import { RejectLog } from '../../shared/decode/reject-log';
import { createLogger } from '../../shared/logger';
import type { Sample } from '../../shared/samples';
import { DataException, dataError } from '../../shared/source-status';

import { Backoff } from './backoff';
import { BaseSource } from './base-source';
import { classifyOpenError } from './serial-errors';
import { isSerialPath, noSuchPort } from './serial-path';
import type { GapReason } from './source';

const log = createLogger('serial');

export interface SerialSourceOptions {
  /** How often the device path, the watchdog and the counts are checked, in ms. Default `250`. */
  watchIntervalMs?: number;
  /**
   * No data for this long while connected: state `stalled`. Default `5000`; grows to 3x the longest
   * pause seen between lines, so a sensor that reports once a minute is not called stalled.
   */
  stallMs?: number;
  /**
   * Still no data this long after data had flowed: close and reopen the port. Default `15000`;
   * grows to 6x the longest pause seen. Never before the first data of a connection (a reopen
   * resets an Uno, which would then never get to send).
   */
  stallReopenMs?: number;
  /** First reconnect delay, doubled after each failed try. Default `250`. */
  backoffMs?: number;
  /** Longest reconnect delay. Default `4000`. */
  maxBackoffMs?: number;
  /** Longest line, in characters; longer text is rejected. Default `1024`. */
  maxLineLength?: number;
  /** Lists ports (to find a replugged device at a new path, and to accept a listed path). Default `SerialPort.list`. */
  listPorts?: () => Promise<PortInfo[]>;
  /** Accept a pseudo-terminal (`/dev/pts/N`, socat's) as the port; only tests and `--allow-pty` do. Default `false`. */
  allowPty?: boolean;
}

/** Finds the port of a device by serial number, else by VID:PID when only one port matches. */
export function findReplugged(identity: PortInfo, ports: PortInfo[]): string | undefined {
  if (identity.serialNumber) return ports.find((p) => p.serialNumber === identity.serialNumber)?.path;
  if (identity.vendorId && identity.productId) {
    const same = ports.filter((p) => p.vendorId === identity.vendorId && p.productId === identity.productId);
    if (same.length === 1) return same[0].path;
  }
  return undefined;
}

export class SerialSource extends BaseSource {
  private readonly opts: Required<Omit<SerialSourceOptions, 'listPorts'>> & Pick<SerialSourceOptions, 'listPorts'>;
  private readonly framer: LineFramer;
  private readonly decoder: LineDecoder;
  private text = new StringDecoder('utf8');
  private port: SerialPort | null = null;
  private openedPath = '';
  private openedNode = '';
  private identity: PortInfo | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly backoff: Backoff;
  private lastDataAt = 0;
  private lastSampleAt = 0;
  private lineMs = 0;
  private gotData = false;
  private longestPause = 0;
  private closing: Promise<void> = Promise.resolve();
  private stopped = true;
  private checking = false;
  private baudWarned = false;
  private textWarned = false;
  private readonly rejects = new RejectLog();
  private windowStart = 0;

  constructor(
    private readonly spec: Omit<SerialSpec, 'kind'>,
    options: SerialSourceOptions = {},
  ) {
    super('serial', spec.path);
    this.opts = {
      watchIntervalMs: options.watchIntervalMs ?? 250,
      stallMs: options.stallMs ?? 5000,
      stallReopenMs: options.stallReopenMs ?? 15_000,
      backoffMs: options.backoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 4000,
      maxLineLength: options.maxLineLength ?? 1024,
      listPorts: options.listPorts,
      allowPty: options.allowPty ?? false,
    };
    this.backoff = new Backoff(this.opts.backoffMs, this.opts.maxBackoffMs);
    this.framer = new LineFramer({ lineEnding: spec.lineEnding ?? 'auto', maxLineLength: this.opts.maxLineLength, dropFirstPartial: true });
    this.decoder = new LineDecoder({ maxLineLength: this.opts.maxLineLength });
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState('connecting');
    try {
      // Why: a serial spec must not open any file or tty, nor tell which files exist.
      const listPorts = this.opts.listPorts ?? (() => SerialPort.list());
      if (!(await isSerialPath(this.spec.path, { allowPty: this.opts.allowPty, listPorts }))) throw new DataException(noSuchPort(this.spec.path));
      await this.open(this.spec.path);
    } catch (err) {
      this.stopped = true;
      const error = err instanceof DataException ? err.toValue() : classifyOpenError(this.spec.path, err);
      this.state.lastError = error;
      this.setState('closed');
      throw new DataException(error);
    }
    this.identity = await this.lookUpIdentity();
    this.timer = setInterval(() => void this.check(), this.opts.watchIntervalMs);
    this.setState('connected');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.backoff.cancel();
    this.timer = null;
    await this.closePort();
    this.flushCounts();
    this.setState('closed');
  }

  private async open(path: string): Promise<void> {
    const port = new SerialPort({
      path,
      baudRate: this.spec.baudRate,
      autoOpen: false,
      // dtr: false also keeps DTR from dropping on close (an Uno resets on each toggle).
      hupcl: this.spec.dtr !== false,
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    if (this.spec.dtr === false) {
      await new Promise<void>((resolve) =>
        port.set({ dtr: false }, (err) => {
          if (err) log.debug(`${path}: cannot clear DTR (${err.message})`);
          resolve();
        }),
      );
    }
    this.openedPath = path;
    this.openedNode = await realpath(path).catch(() => path);
    this.port = port;
    this.text = new StringDecoder('utf8');
    this.framer.reset(true);
    this.lastDataAt = Date.now();
    this.lastSampleAt = this.lastDataAt;
    this.gotData = false;
    this.windowStart = Date.now();
    this.rejects.reset();
    this.baudWarned = false;
    this.textWarned = false;
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) this.onData(chunk);
    });
    // Where `close` or `error` does fire, it is one more way to notice the loss.
    port.on('close', () => {
      if (this.port === port) this.lost('disconnected', 'the port closed');
    });
    port.on('error', (err: Error) => {
      if (this.port === port) this.lost('disconnected', err.message);
    });
  }

  private async closePort(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    port.on('error', () => undefined);
    if (!port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onData(chunk: Buffer): void {
    const now = Date.now();
    if (this.gotData) this.longestPause = Math.max(this.longestPause, Math.min(now - this.lastDataAt, 300_000));
    this.gotData = true;
    this.lastDataAt = now;
    if (this.state.state === 'stalled') this.setState('connected');
    const samples: Sample[] = [];
    let rejected = 0;
    for (const item of this.framer.push(this.text.write(chunk))) {
      if (item.kind === 'overflow') {
        rejected++;
        this.rejects.rejected('overflow');
        continue;
      }
      const r = this.decoder.decode(item.text);
      if (r.kind === 'sample') samples.push(r.deviceTime === undefined ? { t: now, values: r.values } : { t: now, deviceTime: r.deviceTime, values: r.values });
      else if (r.kind === 'rejected') {
        rejected++;
        this.rejects.rejected(r.reason, item.text);
      }
    }
    this.stampTimes(samples, now);
    this.rejects.samples(samples.length);
    if (samples.length > 0) this.textWarned = false;
    if (Object.keys(this.decoder.units).length !== Object.keys(this.state.units).length) this.setUnits(this.decoder.units);
    this.deliver({ channels: this.decoder.channels, samples }, rejected);
  }

  /**
   * Lines that arrive in one chunk would share one receive time. Spread them back over the time
   * since the previous line (at most twice the usual line spacing), so times stay increasing and
   * a 1 kHz sensor does not look like bursts of duplicates on the time grid.
   */
  private stampTimes(samples: Sample[], now: number): void {
    const k = samples.length;
    if (k === 0) return;
    const since = Math.max(0, now - this.lastSampleAt);
    let step = since / k;
    if (this.lineMs > 0) step = Math.min(step, 2 * this.lineMs);
    if (since < 1000) this.lineMs = this.lineMs === 0 ? since / k : 0.9 * this.lineMs + 0.1 * (since / k);
    for (let i = 0; i < k; i++) samples[i].t = now - (k - 1 - i) * step;
    this.lastSampleAt = now;
  }

  /** The periodic check: device path, watchdog, wrong-baud hint, counts. */
  private async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      const s = this.state.state;
      if (s === 'connected' || s === 'stalled') {
        const node = await realpath(this.openedPath).catch(() => null);
        if (this.stopped || this.port === null) return;
        if (node === null) this.lost('disconnected', `${this.openedPath} is gone`);
        else if (node !== this.openedNode) this.lost('disconnected', `${this.openedPath} now points to another device`);
        else this.watchdog();
      }
      this.flushCounts();
    } finally {
      this.checking = false;
    }
  }

  private watchdog(): void {
    const now = Date.now();
    const quiet = now - this.lastDataAt;
    if (this.gotData && quiet >= Math.max(this.opts.stallReopenMs, 6 * this.longestPause)) {
      this.lost('stalled', `no data for ${Math.round(quiet / 1000)} s`);
      return;
    }
    if (quiet >= Math.max(this.opts.stallMs, 3 * this.longestPause) && this.state.state === 'connected') {
      this.setState('stalled');
      this.fail(dataError('STALLED', `No data from ${this.spec.path} for ${Math.round(quiet / 1000)} s`));
    }
    // Wrong baud rate: noise (control bytes, no line ends) arrives and nothing decodes.
    if (now - this.windowStart >= 2000) {
      const r = this.rejects;
      if (!this.baudWarned && r.looksLikeNoise()) {
        this.baudWarned = true;
        this.fail(dataError('BAUD_MISMATCH', `${this.spec.path}: ${r.windowNoise} unreadable lines and no samples at ${this.spec.baudRate} baud`));
      }
      this.windowStart = now;
      r.resetWindow();
    }
    // Readable text but no values for 2 s (a sensor that fails to read, an unknown format): say
    // which lines, once until samples flow again. A banner before the first sample is not worth it.
    if (!this.textWarned && this.rejects.textSinceSample >= 3 && now - this.lastSampleAt >= 2000) {
      this.textWarned = true;
      this.fail(dataError('UNREADABLE_LINES', `${this.spec.path}: ${this.rejects.describe()}`));
    }
  }

  private lost(reason: GapReason, detail: string): void {
    if (this.stopped || this.port === null) return;
    const t = Date.now();
    log.info(`${this.spec.path}: lost (${detail})`);
    // The next open waits for this close: the same device node is locked until it is released.
    this.closing = this.closePort();
    this.framer.reset(true); // the torn last line is dropped
    this.gap(t, reason);
    this.setState('disconnected');
    const code = reason === 'stalled' ? 'STALLED' : 'DISCONNECTED';
    this.fail(dataError(code, `${this.spec.path}: ${detail}`));
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
    let path: string | undefined = this.spec.path;
    if ((await realpath(path).catch(() => null)) === null) {
      path = this.identity ? findReplugged(this.identity, await this.list()) : undefined;
    }
    if (this.stopped) return;
    if (!path) {
      this.scheduleReconnect();
      return;
    }
    try {
      await this.open(path);
    } catch (err) {
      if (this.stopped) return;
      const error = classifyOpenError(path, err);
      if (error.code !== 'NO_SUCH_PORT') this.fail(error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await this.closePort();
      return;
    }
    this.state.counts.reconnects++;
    this.backoff.reset();
    log.info(`${this.spec.path}: reconnected at ${path}`);
    this.setState('connected');
  }

  private async list(): Promise<PortInfo[]> {
    try {
      return await (this.opts.listPorts ?? (() => SerialPort.list()))();
    } catch {
      return [];
    }
  }

  private async lookUpIdentity(): Promise<PortInfo | null> {
    const ports = await this.list();
    const node = this.openedNode;
    const info = ports.find((p) => p.path === this.openedPath || p.path === node);
    return info && (info.serialNumber || (info.vendorId && info.productId)) ? info : null;
  }
}
