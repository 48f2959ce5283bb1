// Uploads of dropped files, streamed to disk: the page sends the file in chunks of at most
// UPLOAD_CHUNK_BYTES (uploadStart, uploadChunk..., uploadFinish), each chunk is written to a temp
// file at once and let go, so main holds one chunk per upload, never the whole file (issue 10).
// Finished uploads are imported one at a time (an import and its reply take several times the
// file's size; three at once held 840 MB). An upload left idle is deleted. Callers: main/api/app-services.ts.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { UPLOAD_CHUNK_BYTES, fail, ok, type Result } from '../../shared/api/contract';
import { errorMessage } from '../../shared/errors';
import { createLogger } from '../../shared/logger';

const log = createLogger('uploads');

export interface UploadStoreOptions {
  /** Folder for the temp files. Required. */
  dir: string;
  /** Uploads in progress at once (all clients together). Default 4. */
  maxOpen?: number;
  /** An upload with no chunk for this long is deleted, ms. Default 60,000. */
  idleMs?: number;
}

interface Upload {
  name: string;
  path: string;
  bytes: number;
  received: number;
  file: FileHandle;
  /** The chunk being written (chunks of one upload are written one after the other). */
  busy: boolean;
  idle: ReturnType<typeof setTimeout>;
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  /** The import running now; the next waits for it. */
  private importing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: UploadStoreOptions) {
    this.maxOpen = options.maxOpen ?? 4;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /** Uploads in progress (for tests). */
  get open(): number {
    return this.uploads.size;
  }

  async start(name: string, bytes: number): Promise<Result<{ uploadId: string; chunkBytes: number }>> {
    if (this.uploads.size >= this.maxOpen) return fail('busy', `${this.maxOpen} uploads are already in progress.`, 'Wait for them to finish, then drop the file again.');
    await mkdir(this.options.dir, { recursive: true });
    const uploadId = `up-${randomBytes(12).toString('hex')}`;
    // Why: never use the page's file name on disk; it only labels the result.
    const path = join(this.options.dir, `${uploadId}.csv`);
    const file = await open(path, 'wx');
    const upload: Upload = { name, path, bytes, received: 0, file, busy: false, idle: this.idleTimer(uploadId) };
    this.uploads.set(uploadId, upload);
    return ok({ uploadId, chunkBytes: UPLOAD_CHUNK_BYTES });
  }

  async chunk(uploadId: string, offset: number, data: string): Promise<Result<{ received: number }>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return fail('no-upload', 'This upload is unknown or expired.', 'Drop the file again.');
    if (upload.busy) return fail('invalid-payload', 'Send the next chunk after the previous one is acknowledged.');
    if (offset !== upload.received) return fail('invalid-payload', `Expected the chunk at byte ${upload.received}, got ${offset}.`);
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > UPLOAD_CHUNK_BYTES || upload.received + bytes.length > upload.bytes) {
      await this.cancel(uploadId);
      return fail('invalid-payload', `The upload is longer than the ${upload.bytes} bytes announced.`);
    }
    upload.busy = true;
    clearTimeout(upload.idle);
    try {
      await upload.file.write(bytes, 0, bytes.length, offset);
    } catch (err) {
      await this.cancel(uploadId);
      return fail('save-failed', `Could not store the upload: ${errorMessage(err)}`);
    } finally {
      upload.busy = false;
    }
    upload.received += bytes.length;
    upload.idle = this.idleTimer(uploadId);
    return ok({ received: upload.received });
  }

  /** Hands the complete file to `use` (the import), then deletes it. */
  async finish<T>(uploadId: string, use: (path: string, name: string) => Promise<Result<T>>): Promise<Result<T>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return fail('no-upload', 'This upload is unknown or expired.', 'Drop the file again.');
    if (upload.busy) return fail('invalid-payload', 'A chunk of this upload is still being written.');
    if (upload.received !== upload.bytes) return fail('invalid-payload', `Only ${upload.received} of ${upload.bytes} bytes arrived.`);
    this.uploads.delete(uploadId);
    clearTimeout(upload.idle);
    const run = async () => {
      try {
        await upload.file.close();
        return await use(upload.path, upload.name);
      } finally {
        await rm(upload.path, { force: true });
      }
    };
    const result = this.importing.then(run, run);
    // Why: the chain must not hold the last result (the whole imported table) once it is sent.
    this.importing = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async cancel(uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    this.uploads.delete(uploadId);
    clearTimeout(upload.idle);
    await upload.file.close().catch(() => undefined);
    await rm(upload.path, { force: true });
    return true;
  }

  /** Deletes every upload in progress. */
  async dispose(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.cancel(id)));
  }

  private idleTimer(uploadId: string): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      log.warn(`upload ${uploadId} idle for ${this.idleMs / 1000} s: deleted`);
      void this.cancel(uploadId);
    }, this.idleMs);
    timer.unref();
    return timer;
  }
}
