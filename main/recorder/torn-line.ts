// Recording helper: after a crash the last line of a recording may be cut off. trimTornLine cuts
// the file back to its last complete line and returns its first line (the header), so the
// recorder can append after it. Called by recorder.ts when it opens an existing file.
import { open } from 'node:fs/promises';

const TAIL = 64 * 1024;

/** Truncates `path` after its last newline. Returns the first line, or null for an empty file. */
export async function trimTornLine(path: string): Promise<string | null> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    if (size === 0) return null;
    let end = size;
    let keep = -1;
    const buf = Buffer.alloc(Math.min(TAIL, size));
    while (end > 0 && keep < 0) {
      const start = Math.max(0, end - buf.length);
      const { bytesRead } = await handle.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) keep = start + nl + 1;
      end = start;
    }
    if (keep < 0) keep = 0; // not one complete line: only a torn header
    if (keep < size) await handle.truncate(keep);
    if (keep === 0) return null;
    const head = Buffer.alloc(Math.min(keep, 4096));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString('utf8');
    const nl = text.indexOf('\n');
    return (nl >= 0 ? text.slice(0, nl) : text).replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}
