// Uploads a dropped file in chunks (uploadStart, uploadChunk..., uploadFinish): the page reads one
// slice at a time and waits for each acknowledgement, so neither the page nor main holds the whole
// file, and other clients' messages pass between the chunks. Callers: actions.ts.
import type { AppApi, ImportResult, Result } from '../../../shared/api/contract';
import { toBase64 } from '../../../shared/api/wire';

/** Sends `file` and imports it in main; the result is the import, or the first error. */
export async function uploadFile(api: AppApi, file: Blob, name: string): Promise<Result<ImportResult>> {
  const started = await api.uploadStart({ name, bytes: file.size });
  if (!started.ok) return started;
  const { uploadId, chunkBytes } = started.value;
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    const sent = await api.uploadChunk({ uploadId, offset, data: toBase64(bytes) });
    if (!sent.ok) {
      await api.uploadCancel({ uploadId });
      return sent;
    }
  }
  return api.uploadFinish({ uploadId });
}
