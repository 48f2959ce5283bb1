// Recording: every live sample appended to a CSV file (time + channels), with gap rows.
//   time,temp,hum
//   2026-11-27T03:30:00.000Z,23.5,41
//   2026-11-27T03:30:05.120Z,,          <- gap: data was lost before the next row
// Appends are buffered and written + fdatasync'd every `flushMs` (default 500 ms), so a crash
// (kill -9, power loss after the sync) loses at most about that much. On the next open a torn last
// line is trimmed, and appending to a file that already has rows starts with a gap row (whatever
// happened between the two runs, a crash or a stop, was not recorded). Disk full or an unwritable folder stops the recording with an error (onError)
// while the caller's live view goes on: write() never throws.
// Implements main/session/recording.ts's LiveRecorder; used by the session hub and `sensorcast record`.
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

import { createLogger } from '../../shared/logger';
import type { Sample } from '../../shared/samples';
import { EngineError, errorMessage, type ErrorValue, errorValue } from '../../shared/errors';

import { csvLine } from '../files/csv-export';

import { trimTornLine } from './torn-line';

const log = createLogger('recorder');

export interface RecorderOptions {
  /** The CSV file; created with its folder if missing, appended to if it has the same header. */
  path: string;
  /** How often pending rows are written and fdatasync'd, in ms. Default `500` (at most ~0.5 s lost in a crash). */
  flushMs?: number;
  /** Pending text above which rows are dropped (and counted) because the disk cannot keep up. Default `64 MiB`. */
  maxPendingBytes?: number;
}

function errorFor(path: string, err: unknown): ErrorValue {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return errorValue('DISK_FULL', `Recording to ${path} stopped: the disk is full`);
  return errorValue('RECORDING_FAILED', `Recording to ${path} stopped: ${errorMessage(err)}`);
}

export class Recorder {
  private handle: FileHandle | null = null;
  private file: string;
  private header: string[] = [];
  private pending: string[] = [];
  private pendingBytes = 0;
  private bytes = 0;
  private rows = 0;
  private droppedRows = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failed: ErrorValue | null = null;
  private readonly listeners: ((error: ErrorValue) => void)[] = [];
  private readonly flushMs: number;
  private readonly maxPending: number;

  constructor(options: RecorderOptions) {
    this.file = options.path;
    this.flushMs = options.flushMs ?? 500;
    this.maxPending = options.maxPendingBytes ?? 64 * 1024 * 1024;
  }

  /** Opens the file for these channels. Rejects with an EngineError (RECORDING_FAILED, DISK_FULL). */
  async start(channels: string[]): Promise<void> {
    this.header = ['time', ...channels];
    try {
      await mkdir(dirname(this.file), { recursive: true });
      this.file = await this.pickFile(this.file);
      this.handle = await open(this.file, 'a');
      const size = (await this.handle.stat()).size;
      this.bytes = size;
      if (size === 0) this.queue(csvLine(this.header));
      // Why: rows already in the file came from an earlier run (maybe one killed mid-stream); the
      // time between is unrecorded, so mark it as an unplug is marked rather than join the runs.
      else if (size > Buffer.byteLength(csvLine(this.header)) + 1) this.gap(Date.now());
    } catch (err) {
      await this.handle?.close().catch(() => undefined);
      this.handle = null;
      throw EngineError.from(errorFor(this.file, err));
    }
    this.timer = setInterval(() => void this.flush(), this.flushMs);
  }

  /** Appends samples (values in `channels` order). A new channel starts a new file (`name-2.csv`). */
  write(channels: string[], samples: Sample[]): void {
    if (this.failed || !this.handle) return;
    if (channels.length !== this.header.length - 1 || channels.some((c, i) => c !== this.header[i + 1])) {
      // Rows so far go to the current file; the new layout starts a new one, in order.
      const old = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      this.header = ['time', ...channels];
      this.flushing = this.flushing.then(() => this.rotate(old));
    }
    for (const s of samples) {
      this.queue(csvLine([new Date(s.t).toISOString(), ...s.values]));
    }
  }

  /** Writes a gap row (time, no values) at host time `t`. */
  gap(t: number): void {
    if (this.failed || !this.handle) return;
    this.queue(`${new Date(t).toISOString()}${','.repeat(this.header.length - 1)}`);
  }

  /** Writes what is pending, fdatasyncs and closes. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  info(): { path: string; bytes: number; rows: number; droppedRows: number } {
    return { path: this.file, bytes: this.bytes, rows: this.rows, droppedRows: this.droppedRows };
  }

  /** The error that stopped the recording, or null. */
  get error(): ErrorValue | null {
    return this.failed;
  }

  onError(listener: (error: ErrorValue) => void): void {
    this.listeners.push(listener);
  }

  /** Writes pending rows and fdatasyncs. Runs one at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private queue(line: string): void {
    if (this.pendingBytes > this.maxPending) {
      this.droppedRows++;
      return;
    }
    this.pending.push(line);
    this.pendingBytes += line.length + 1;
  }

  private async flushNow(): Promise<void> {
    const handle = this.handle;
    if (!handle || this.failed || this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    const count = this.pending.length;
    this.pending = [];
    this.pendingBytes = 0;
    try {
      const data = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < data.length) off += (await handle.write(data, off)).bytesWritten;
      await handle.datasync();
      this.bytes += data.length;
      this.rows += count;
    } catch (err) {
      this.stopWith(errorFor(this.file, err));
    }
  }

  private stopWith(error: ErrorValue): void {
    if (this.failed) return;
    this.failed = error;
    log.warn(error.message);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const handle = this.handle;
    this.handle = null;
    void handle?.close().catch(() => undefined);
    for (const l of this.listeners) l(error);
  }

  /** The file to use: trims a torn last line; a file with another header gives way to `name-2.csv`, ... */
  private async pickFile(path: string): Promise<string> {
    const ext = extname(path) || '.csv';
    const base = join(dirname(path), basename(path, extname(path)));
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${base}-${n}${ext}`;
      const info = await stat(candidate).catch(() => null);
      if (!info || !info.isFile()) return candidate; // new file, or a device such as /dev/full
      const firstLine = await trimTornLine(candidate);
      if (firstLine === null || firstLine === csvLine(this.header)) return candidate;
    }
  }

  private async rotate(oldLines: string[]): Promise<void> {
    const old = this.handle;
    if (!old || this.failed) return;
    try {
      if (oldLines.length) {
        const data = Buffer.from(`${oldLines.join('\n')}\n`, 'utf8');
        let off = 0;
        while (off < data.length) off += (await old.write(data, off)).bytesWritten;
        this.rows += oldLines.length;
      }
      await old.datasync();
      await old.close();
      this.handle = null;
      this.file = await this.pickFile(this.file);
      this.handle = await open(this.file, 'a');
      this.bytes = (await this.handle.stat()).size;
      if (this.bytes === 0) this.pending.unshift(csvLine(this.header));
      log.info(`channels changed: recording continues in ${this.file}`);
    } catch (err) {
      this.stopWith(errorFor(this.file, err));
    }
  }
}
