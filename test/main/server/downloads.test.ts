// Browser mode downloads (issue 13 item 5): a recording is served from the data folder as an
// attachment, behind the same token as every request (auth.ts), and nothing outside the folder
// or that is not a plain .csv name is ever read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { downloadPath } from '../../../main/server/downloads';
import { startPageServer, type PageServer } from '../../../main/server/http-server';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';

let dir: string;
let server: PageServer;
let session: Session;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-downloads-'));
  const root = join(dir, 'page');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>sensorcast</title>');
  const recordings = join(dir, 'data', 'recordings');
  mkdirSync(recordings, { recursive: true });
  writeFileSync(join(recordings, 'recording-2024.csv'), 't,v\n1,2\n');
  writeFileSync(join(recordings, '.hidden.csv'), 'no');
  writeFileSync(join(dir, 'data', 'settings.csv'), 'secret');
  session = await createSession({ mode: 'browser', dataDir: join(dir, 'data'), deps: defaultDeps({ demoRate: 50 }) });
  server = await startPageServer({ root, handlers: session.handlers, port: 0, downloads: { recordings } });
});

afterAll(async () => {
  await server?.close();
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, withToken = true, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: withToken ? { Cookie: `sensorcast_token_${server.port}=${server.token}` } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('downloads in browser mode', () => {
  it('serves a recording as an attachment, with the token', async () => {
    const r = await get(downloadPath('recordings', 'recording-2024.csv'));
    expect(r.status).toBe(200);
    expect(r.body).toBe('t,v\n1,2\n');
    expect(r.headers['content-disposition']).toBe('attachment; filename="recording-2024.csv"');
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const head = await get(downloadPath('recordings', 'recording-2024.csv'), true, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('8');
  });

  it('refuses it without the token', async () => {
    expect((await get(downloadPath('recordings', 'recording-2024.csv'), false)).status).toBe(401);
  });

  it('reads nothing outside the folder, no hidden or non-CSV file, no unknown folder', async () => {
    for (const path of [
      '/download/recordings/..%2Fsettings.csv',
      '/download/recordings/%2e%2e%2fsettings.csv',
      '/download/recordings/.hidden.csv',
      '/download/recordings/../settings.csv',
      '/download/recordings/index.html',
      '/download/models/recording-2024.csv',
      '/download/recordings/missing.csv',
      '/download/recordings/%E0%A4%A.csv',
      '/download/recordings/',
    ]) {
      const r = await get(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('secret');
    }
  });
});
