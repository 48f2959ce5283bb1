// File import, bytes in: reads a file in chunks into one buffer that is reused for every chunk,
// so a large import leaves no trail of garbage buffers for the collector (a read stream allocates
// a new buffer per chunk: about 200 MB of them were alive at the peak of a 1 GB import).
// A chunk is valid until the next one is asked for, and is a plain Uint8Array, not a Buffer: its
// slice() copies, so what a consumer keeps (a decoder's last bytes) is never overwritten.
// Called by csv-importer.ts and column-store.ts.
import { open, type FileHandle } from 'node:fs/promises';

export class ChunkReader implements AsyncIterable<Uint8Array> {
  private handle: FileHandle | null = null;
  private destroyed = false;

  /** `chunkBytes`: bytes per read. Default 256 KiB. */
  constructor(
    private readonly path: string,
    private readonly chunkBytes = 256 * 1024,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const buffer = new Uint8Array(this.chunkBytes);
    this.handle = await open(this.path, 'r');
    try {
      while (!this.destroyed) {
        const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await this.close();
    }
  }

  /** Stops reading and closes the file (idempotent). */
  destroy(): void {
    this.destroyed = true;
    void this.close();
  }

  private async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}
