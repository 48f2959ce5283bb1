// Browser mode: the token guards the page and the WebSocket (FAULTS 28), the server binds
// 127.0.0.1 by default, and hostile WebSocket payloads are rejected as values (FAULTS 26, 27).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startPageServer, type PageServer } from '../../../main/server/http-server';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { MAX_MESSAGE_BYTES } from '../../../shared/api/contract';

let dir: string;
let server: PageServer;
let session: Session;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-server-'));
  const root = join(dir, 'page');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>sensorcast</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  session = await createSession({ mode: 'browser', dataDir: join(dir, 'data'), deps: defaultDeps({ demoRate: 200 }) });
  server = await startPageServer({ root, handlers: session.handlers, port: 0 });
  session.onEvent((e) => server.broadcast(e));
});

afterAll(async () => {
  await server.close();
  await session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TCP connection to the server's port at `host` is accepted. */
function reachable(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port: server.port });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, message: unknown): Promise<{ id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if ('id' in msg) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser mode server', () => {
  it('binds 127.0.0.1 by default: the socket answers there and on no other address; the URL carries the token', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    expect(await reachable('127.0.0.1')).toBe(true);
    // 127.0.0.2 reaches a socket bound to 0.0.0.0 (on Linux all of 127/8 is loopback), never one bound to 127.0.0.1;
    // so do this machine's network addresses.
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of ['127.0.0.2', ...external]) expect(await reachable(address), address).toBe(false);
  });

  it('refuses requests without the token (FAULTS 28)', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Cookie: `sensorcast_token_${server.port}=wrong` })).status).toBe(401);
  });

  it("names the token cookie after the port: another local service's cookie (or one without the port) is not it", async () => {
    const page = await get(`/?token=${server.token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`sensorcast_token_${server.port}=${server.token}`);
    expect((await get('/assets/app.js', { Cookie: `sensorcast_token=${server.token}` })).status).toBe(401);
    expect((await get('/assets/app.js', { Cookie: `sensorcast_token_${server.port + 1}=${server.token}` })).status).toBe(401);
    expect((await get('/assets/app.js', { Cookie: `other=1; ${cookie}` })).status).toBe(200);
  });

  it('serves the page with the token and sets an HttpOnly cookie for its assets', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await get('/assets/app.js', { Cookie: cookie.split(';')[0] });
    expect(asset.status).toBe(200);
  });

  it('refuses path traversal and other host names (DNS rebinding)', async () => {
    const traversal = await get(`/..%2fsecret.txt?token=${server.token}`);
    expect(traversal.status).toBe(403);
    expect(traversal.body).not.toContain('secret');
    expect((await get(`/?token=${server.token}`, { Host: 'evil.example' })).status).toBe(421);
  });

  it('refuses WebSocket connections without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/401/);
    await expect(connect('?token=nope')).rejects.toThrow(/401/);
    await expect(connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/401/);
  });

  it('carries the API: commands answer, events arrive in batches', async () => {
    const ws = await connect(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    const state = await call(ws, { id: 1, method: 'getState' });
    expect(state.id).toBe(1);
    expect(state.result.ok).toBe(true);
    const batches: { t: number[] }[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.event === 'samples') batches.push(m.payload);
    });
    const opened = await call(ws, { id: 2, method: 'openSource', params: { kind: 'demo' } });
    expect(opened.result.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    const samples = batches.reduce((n, b) => n + b.t.length, 0);
    expect(samples).toBeGreaterThan(50); // 200 rows/s for ~1 s
    expect(batches.length).toBeLessThan(samples); // several samples per message, never one each
    await call(ws, { id: 3, method: 'closeSource' });
    ws.close();
  });

  it('rejects malformed, __proto__, ../ and unknown-method messages as values (FAULTS 26)', async () => {
    const ws = await connect(`?token=${server.token}`);
    expect((await call(ws, 'not json')).result.error!.code).toBe('invalid-payload');
    expect((await call(ws, { method: 'getState' })).result.error!.code).toBe('invalid-payload');
    expect((await call(ws, { id: 4, method: '__proto__' })).result.error!.code).toBe('unknown-command');
    expect((await call(ws, { id: 5, method: 'constructor' })).result.error!.code).toBe('unknown-command');
    expect((await call(ws, '{"id":6,"method":"openSource","params":{"kind":"demo","__proto__":{"polluted":1}}}')).result.error!.code).toBe('invalid-payload');
    expect((await call(ws, { id: 7, method: 'importFile', params: { path: '../../etc/passwd' } })).result.error!.code).toBe('invalid-payload');
    // A path that is fine by shape but outside the allowed folder: refused by policy.
    expect((await call(ws, { id: 8, method: 'importFile', params: { path: '/etc/passwd' } })).result.error!.code).toBe('forbidden');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    ws.close();
  });

  it('closes the connection on an oversized message', async () => {
    const ws = await connect(`?token=${server.token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(MAX_MESSAGE_BYTES + 10));
    expect(await closed).toBe(1009);
  });
});
