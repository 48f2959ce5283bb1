// Browser mode model downloads (issue 13 item 5): `GET /download/models/<name>` serves a saved
// model as one `<name>.sensorcast-model.json` file, behind the token; the file holds the bundle
// (checked by saveModel's schema), which loads in the engine and forecasts as the saved model does,
// and saves back into the store. Traversal, odd and unknown names are refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseModelFile } from '../../../shared/api/model-file';
import { loadBundle, train, type Forecaster } from '../../../shared/model';
import { downloadPath } from '../../../main/server/downloads';
import { startPageServer, type PageServer } from '../../../main/server/http-server';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { ModelStore } from '../../../main/storage/model-store';
import { backendReady, synthetic } from '../../shared/model/helpers';

const table = synthetic(130, 12, 9, { x: (i) => Math.sin(i / 4) });
let dir: string;
let server: PageServer;
let session: Session;
let model: Forecaster;

beforeAll(async () => {
  await backendReady;
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-model-download-'));
  const root = join(dir, 'page');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>sensorcast</title>');
  const data = join(dir, 'data');
  mkdirSync(join(data, 'recordings'), { recursive: true });
  writeFileSync(join(data, 'settings.json'), '{"secret": true}');
  model = await train({ table, target: 'y', covariates: ['x'] }, { horizon: 4, epochs: 2, seed: 2 });
  const bundle = await model.toBundle();
  const store = new ModelStore(join(data, 'models'));
  const saved = await store.save({ name: 'room temp-h4', manifest: bundle.manifest, weights: Buffer.from(bundle.weights).toString('base64') });
  expect(saved.ok).toBe(true);
  session = await createSession({ mode: 'browser', dataDir: data, deps: defaultDeps({ demoRate: 50 }) });
  server = await startPageServer({ root, handlers: session.handlers, port: 0, downloads: { recordings: join(data, 'recordings') }, models: store });
}, 60_000);

afterAll(async () => {
  model?.dispose();
  await server?.close();
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, withToken = true): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: withToken ? { Cookie: `sensorcast_token_${server.port}=${server.token}` } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('model downloads in browser mode', () => {
  it('serves a saved model as one file whose bundle loads and forecasts as the saved model does', async () => {
    const r = await get(downloadPath('models', 'room temp-h4'));
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="room temp-h4.sensorcast-model.json"');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    const file = parseModelFile(r.body);
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.name).toBe('room temp-h4');
    const weights = Buffer.from(file.value.weights, 'base64');
    const loaded = await loadBundle({ manifest: file.value.manifest, weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) });
    try {
      expect(loaded.info).toEqual(model.info);
      expect(loaded.forecast(table)).toEqual(model.forecast(table));
    } finally {
      loaded.dispose();
    }
    // The same bundle saves back under another name through the app API.
    const back = await session.handlers.saveModel({ ...file.value, name: 'room temp-h4-2' });
    expect(back.ok).toBe(true);
    expect((await get(downloadPath('models', 'room temp-h4-2'))).body).toBe(r.body.replace('"name":"room temp-h4"', '"name":"room temp-h4-2"'));
  });

  it('refuses it without the token', async () => {
    const r = await get(downloadPath('models', 'room temp-h4'), false);
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('weights');
  });

  it('refuses traversal, odd and unknown names, and reads nothing outside the models folder', async () => {
    for (const path of [
      '/download/models/..%2Fsettings.json',
      '/download/models/%2e%2e%2fsettings.json',
      '/download/models/..',
      '/download/models/%2E%2E',
      '/download/models/.hidden',
      '/download/models/a%5C..%5Csettings.json',
      '/download/models/room%00temp-h4',
      `/download/models/${'x'.repeat(80)}`,
      '/download/models/missing',
      '/download/models/%E0%A4%A',
      '/download/models/',
      '/download/models/room%20temp-h4/model.json',
      '/download/models/room%20temp-h4%2Fmodel.json',
    ]) {
      const r = await get(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toMatch(/secret|weights/);
    }
  });
});
