// Browser mode: downloads of what main wrote for the user, from the server's data folder:
// `GET /download/recordings/<file>.csv` streams a recording as an attachment, and
// `GET /download/models/<name>` a saved model as one `<name>.sensorcast-model.json` file
// (shared/api/model-file.ts). Only plain file names inside the named folder and valid model names
// are served (no path, no `..`, no hidden files), and only behind the token check that guards
// every request (auth.ts). Callers: http-server.ts.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

import { modelNameSchema, type ModelBundleWire, type Result } from '../../shared/api/contract';
import { MODEL_FILE_SUFFIX, modelFileText } from '../../shared/api/model-file';

import { securityHeaders } from '../window/static-files';

/** Folders whose files may be downloaded, by the name in the URL (`recordings`). */
export type DownloadFolders = Record<string, string>;

/** Where saved models are read for `/download/models/<name>` (main/storage/model-store.ts's ModelStore). */
export interface ModelDownloads {
  load(name: string): Promise<Result<ModelBundleWire>>;
}

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
export async function serveDownload(pathname: string, folders: DownloadFolders, res: ServerResponse, head: boolean, models?: ModelDownloads): Promise<boolean> {
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
  if (m?.[1] === 'models' && models) return serveModel(name, models, res, head, text);
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

async function serveModel(name: string, models: ModelDownloads, res: ServerResponse, head: boolean, text: (status: number, body: string) => boolean): Promise<boolean> {
  // Why: the name comes from the URL; only a valid model name is looked up (the store checks it again).
  if (!modelNameSchema.safeParse(name).success || name.includes('..')) return text(404, 'No such download.');
  const r = await models.load(name);
  if (!r.ok) return text(404, r.error.message);
  const body = Buffer.from(modelFileText(r.value), 'utf8');
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.byteLength),
    'Content-Disposition': `attachment; filename="${name}${MODEL_FILE_SUFFIX}"`,
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : body);
  return true;
}
