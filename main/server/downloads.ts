// Browser mode: downloads of what main wrote for the user, from the server's data folder:
// `GET /download/recordings/<file>.csv` streams a recording as an attachment. Only plain file
// names inside the named folder are served (no path, no `..`, no hidden files), and only behind
// the token check that guards every request (auth.ts). Callers: http-server.ts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

import { securityHeaders } from '../window/static-files';

/** Folders whose files may be downloaded, by the name in the URL (`recordings`). */
export type DownloadFolders = Record<string, string>;

/** A file name that names a file in the folder and nothing else: no separators, no leading dot. */
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9 _.-]{0,200}\.csv$/;

/** The download URL of a file in `folder` (the page builds the same from a recording's name). */
export function downloadPath(folder: string, name: string): string {
  return `/download/${encodeURIComponent(folder)}/${encodeURIComponent(name)}`;
}

/**
 * Answers a `/download/...` request (true) with the file, 404 or 400; false for any other path.
 * `head`: headers only.
 */
export async function serveDownload(pathname: string, folders: DownloadFolders, res: ServerResponse, head: boolean): Promise<boolean> {
  const m = /^\/download\/([a-z]+)\/([^/]+)$/.exec(pathname);
  if (!pathname.startsWith('/download/')) return false;
  const text = (status: number, body: string) => {
    res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
    return true;
  };
  const folder = m ? folders[m[1]] : undefined;
  let name: string;
  try {
    name = m ? decodeURIComponent(m[2]) : '';
  } catch {
    return text(400, 'Bad file name.');
  }
  // Why: the name comes from the URL; only a plain name inside the folder may be read.
  if (!folder || !PLAIN_NAME.test(name) || name.includes('..')) return text(404, 'No such download.');
  const path = join(folder, name);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return text(404, `No such file: ${name}`);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  if (head) {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}
