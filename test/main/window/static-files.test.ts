// The page's files over app:// and browser mode: no path traversal (FAULTS 26), CSP on every response.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../../main/window/csp';
import { answerAppRequest } from '../../../main/window/protocol';
import { readStatic, resolveStaticPath } from '../../../main/window/static-files';

let root: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'sensorcast-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'wasm'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'wasm', 'x.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(base, 'secret.txt'), 'secret');
});

describe('static files', () => {
  it('serves the page, scripts and wasm with their types and the CSP', async () => {
    const index = await readStatic(root, '/');
    expect(index.status).toBe(200);
    expect(index.headers['Content-Type']).toMatch(/text\/html/);
    expect(index.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await readStatic(root, '/assets/app.js')).headers['Content-Type']).toMatch(/javascript/);
    expect((await readStatic(root, '/wasm/x.wasm')).headers['Content-Type']).toBe('application/wasm');
    expect((await readStatic(root, '/missing.js')).status).toBe(404);
    expect((await readStatic(root, '/assets')).status).toBe(404);
  });

  it('refuses every way out of the page folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/assets\\..\\..\\secret.txt', '/index.html%00.js', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
      const r = await readStatic(root, path);
      expect(r.status, path).toBe(403);
      expect(r.body.toString()).not.toContain('secret');
    }
  });

  it('answers app:// requests for its own host only', async () => {
    const ok = await answerAppRequest(root, 'app://sensorcast/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await answerAppRequest(root, 'app://elsewhere/index.html')).status).toBe(403);
    // The URL parser already folds `%2e%2e` away; whatever is left stays inside the page folder.
    const out = await answerAppRequest(root, 'app://sensorcast/%2e%2e/secret.txt');
    expect(out.status).not.toBe(200);
    expect(await out.text()).not.toContain('secret');
  });
});
