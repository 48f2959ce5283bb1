// Live source: a serial port (Arduino) through serialport 13. Bytes -> lines -> samples in
// serial-intake.ts (which also keeps every raw line for the serial monitor); `write` sends text to
// the board (the page's monitor send box, main/session/monitor-feed.ts).
// Loss detection does not rely on serialport's `close` event, which often never fires when a
// device vanishes (bindings-cpp #162): a timer watches the device path (and the node it points
// to) and a data watchdog reports stalls. After a loss it emits a gap and reconnects with backoff
// (ReconnectingSource, reconnecting-source.ts), at the same path or at a new path with the same
// serial number / VID:PID (serial-replug.ts).
// Created by createSource() (create-source.ts); used by the app and `sensorcast record`.
import { realpath } from 'node:fs/promises';

import { SerialPort } from 'serialport';

import type { PortInfo, SerialSpec } from '../../shared/api/contract';
import type { RawLine } from '../../shared/decode/raw-line';
import { EngineError, errorMessage, errorValue, type ErrorValue } from '../../shared/errors';
import { createLogger } from '../../shared/logger';

import { ReconnectingSource } from './reconnecting-source';
import { classifyOpenError } from './serial-errors';
import { SerialIntake } from './serial-intake';
import { serialOptions, type ResolvedSerialOptions, type SerialSourceOptions } from './serial-options';
import { isSerialPath, noSuchPort } from './serial-path';
import { closeSerialPort, openSerialPort, writeSerialPort } from './serial-port-io';
import { findReplugged, identityOf } from './serial-replug';

const log = createLogger('serial');

export { findReplugged } from './serial-replug';
export type { SerialSourceOptions } from './serial-options';

/** Every line as it arrived, one call per chunk of input (never one per line). */
export type RawLinesListener = (lines: RawLine[]) => void;

export class SerialSource extends ReconnectingSource {
  private readonly opts: ResolvedSerialOptions;
  private readonly intake: SerialIntake;
  private readonly lineListeners = new Set<RawLinesListener>();
  private port: SerialPort | null = null;
  private openedPath = '';
  private openedNode = '';
  private identity: PortInfo | null = null;
  // The path the current open tries (the spec's, or where a replugged device came back).
  private target: string;
  private lastDataAt = 0;
  private gotData = false;
  private longestPause = 0;
  private checking = false;

  constructor(
    private readonly spec: Omit<SerialSpec, 'kind'>,
    options: SerialSourceOptions = {},
  ) {
    const opts = serialOptions(options);
    super('serial', spec.path, { backoffMs: opts.backoffMs, maxBackoffMs: opts.maxBackoffMs, tickMs: opts.watchIntervalMs, log });
    this.opts = opts;
    this.target = spec.path;
    this.intake = new SerialIntake({ lineEnding: spec.lineEnding, maxLineLength: this.opts.maxLineLength });
  }

  /** Subscribes to every line as it arrived (the serial monitor); returns the unsubscribe function. */
  onLines(listener: RawLinesListener): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** Writes `text` to the board as it is (the caller adds the line ending); DISCONNECTED while the port is not open. */
  async write(text: string): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) throw new EngineError('DISCONNECTED', `${this.spec.path} is not open: nothing was sent`);
    await writeSerialPort(port, text).catch((err: unknown) => {
      throw new EngineError('DISCONNECTED', `${this.spec.path}: nothing was sent (${errorMessage(err)})`);
    });
  }

  protected async connect(): Promise<void> {
    // Why: a serial spec must not open any file or tty, nor tell which files exist.
    const listPorts = this.opts.listPorts ?? (() => SerialPort.list());
    if (!(await isSerialPath(this.spec.path, { allowPty: this.opts.allowPty, listPorts }))) throw EngineError.from(noSuchPort(this.spec.path));
    await this.open(this.spec.path);
    this.identity = await this.lookUpIdentity();
  }

  /** Opens the spec's path again, or the device's new path when it came back elsewhere; null while it is nowhere. */
  protected async reconnectOnce(): Promise<string | null> {
    let path: string | undefined = this.spec.path;
    if ((await realpath(path).catch(() => null)) === null) {
      path = this.identity ? findReplugged(this.identity, await this.list()) : undefined;
    }
    if (this.stopped || !path) return null;
    await this.open(path);
    return ` at ${path}`;
  }

  protected close(): Promise<void> {
    return this.closePort();
  }

  protected dropLost(): Promise<void> {
    const closing = this.closePort();
    this.intake.dropPartial();
    return closing;
  }

  protected isOpen(): boolean {
    return this.port !== null;
  }

  protected classify(err: unknown): ErrorValue {
    return classifyOpenError(this.target, err);
  }

  /** Each failed reopen is reported (busy, no permission) but a missing port: an unplugged device is missing for a while. */
  protected override isNews(error: ErrorValue): boolean {
    return error.code !== 'NO_SUCH_PORT';
  }

  protected tick(): void {
    void this.check();
  }

  private async open(path: string): Promise<void> {
    this.target = path;
    const port = await openSerialPort(path, { baudRate: this.spec.baudRate, dtr: this.spec.dtr });
    this.openedPath = path;
    this.openedNode = await realpath(path).catch(() => path);
    this.port = port;
    this.lastDataAt = Date.now();
    this.intake.reset(this.lastDataAt);
    this.gotData = false;
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
    if (port) await closeSerialPort(port);
  }

  private onData(chunk: Buffer): void {
    const now = Date.now();
    if (this.gotData) this.longestPause = Math.max(this.longestPause, Math.min(now - this.lastDataAt, 300_000));
    this.gotData = true;
    this.lastDataAt = now;
    if (this.state.state === 'stalled') this.setState('connected');
    const { samples, rejected, lines } = this.intake.push(chunk, now, this.lineListeners.size > 0);
    if (lines && lines.length > 0) for (const listener of this.lineListeners) listener(lines);
    const decoder = this.intake.decoder;
    if (Object.keys(decoder.units).length !== Object.keys(this.state.units).length) this.setUnits(decoder.units);
    this.deliver({ channels: decoder.channels, samples }, rejected);
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
      this.fail(errorValue('STALLED', `No data from ${this.spec.path} for ${Math.round(quiet / 1000)} s`));
    }
    for (const warning of this.intake.warnings(now, this.spec.path, this.spec.baudRate)) this.fail(warning);
  }

  private async list(): Promise<PortInfo[]> {
    try {
      return await (this.opts.listPorts ?? (() => SerialPort.list()))();
    } catch {
      return [];
    }
  }

  private async lookUpIdentity(): Promise<PortInfo | null> {
    return identityOf(await this.list(), this.openedPath, this.openedNode);
  }
}
