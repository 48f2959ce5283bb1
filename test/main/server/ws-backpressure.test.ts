// Browser mode under slow and hostile readers (issue 10 items 1 and 6, FAULTS 6): every client has
// a bounded send queue; a client that does not read is closed with a reason while others are served;
// a slow page has sample batches skipped, counted per client and announced (samplesMissed), and
// can reload the whole history.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startPageServer, type PageServer } from '../../../main/server/http-server';
import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { ok, type CommandHandlers, type SampleBatchWire, type SamplesMissed } from '../../../shared/api/contract';

const MiB = 1024 * 1024;
let dir: string;
let session: Session;
let server: PageServer;

/** A getState reply of about 1 MiB (a long history). */
function bigHandlers(base: CommandHandlers): CommandHandlers {
  const t = Array.from({ length: 40_000 }, (_, i) => 1_700_000_000_000 + i * 1000);
  const values = t.map((_, i) => [i / 7]);
  // A reply larger than the close limit, to a client that reads it: delivered, not a reason to close.
  const models = Array.from({ length: 700_000 }, (_, i) => ({ name: `model-${i}`, savedAt: 1_700_000_000_000 + i, bytes: 123_456 }));
  return { ...base, listModels: async () => ok(models), getState: async () => ok({ status: session.hub.status(), history: { channels: ['a'], t, values, gaps: [] }, settings: session.settings.get(), mode: 'browser' as const, softwareWebgl: false }) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-ws-'));
  mkdirSync(join(dir, 'page'));
  writeFileSync(join(dir, 'page', 'index.html'), '<!doctype html><title>sensorcast</title>');
  session = await createSession({ mode: 'browser', dataDir: join(dir, 'data'), deps: defaultDeps({ demoRate: 50 }) });
  server = await startPageServer({
    root: join(dir, 'page'),
    handlers: bigHandlers(session.handlers),
    port: 0,
    ws: { highWaterBytes: 2 * MiB, maxQueuedBytes: 24 * MiB, drainTimeoutMs: 2000, closeGraceMs: 200 },
  });
});

afterAll(async () => {
  await server.close();
  await session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function connect(to: PageServer = server): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${to.port}/api?token=${to.token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { id?: number; result: { ok: boolean } };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method }));
  });
}

/** Waits until the server has closed `n` clients (a paused client does not see the close itself). */
async function closedByServer(n: number): Promise<string[]> {
  const end = Date.now() + 20_000;
  for (;;) {
    const reasons = server.clients().flatMap((c) => (c.closedReason === null ? [] : [c.closedReason]));
    if (reasons.length >= n || Date.now() > end) return reasons;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a client that sends requests and never reads the replies (issue 10 item 6)', () => {
  it('is closed with a reason, its queue stays bounded, and another client is served meanwhile', async () => {
    const attacker = await connect();
    const other = await connect();
    attacker.pause(); // reads nothing from now on
    for (let i = 1; i <= 400; i++) attacker.send(JSON.stringify({ id: i, method: 'getState' }));
    // Another page is still answered while the attacker's replies pile up.
    const t0 = Date.now();
    const state = await call(other, 1, 'getState');
    expect(state.ok).toBe(true);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await closedByServer(1);
    const info = server.clients().find((c) => c.closedReason !== null);
    expect(info?.closedReason).toMatch(/did not read its messages/);
    // Bounded: the close limit plus at most one reply in flight, never 400 replies (~400 MiB).
    expect(info!.peakQueuedBytes).toBeLessThan(24 * MiB + 2 * MiB);
    // Its queue is gone; the other client still works.
    attacker.terminate();
    expect(server.clients().filter((c) => c.closedReason === null)).toHaveLength(1);
    expect((await call(other, 2, 'listModels')).ok).toBe(true);
    other.close();
  }, 30_000);

  it('gets a reply larger than the close limit when it reads it', async () => {
    const reader = await connect();
    const r = await call(reader, 1, 'listModels');
    expect(r.ok).toBe(true);
    expect((r.value as unknown[]).length).toBe(700_000);
    expect(server.clients().filter((c) => c.closedReason !== null)).toHaveLength(1);
    reader.close();
  }, 30_000);

  it('is closed when it does not drain within the timeout, even below the close limit', async () => {
    const slow = await connect();
    slow.pause();
    for (let i = 1; i <= 12; i++) slow.send(JSON.stringify({ id: i, method: 'getState' }));
    const t0 = Date.now();
    const reasons = await closedByServer(2);
    expect(reasons).toHaveLength(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    expect(reasons[1]).toMatch(/^it did not read its messages for 2 s \(\d+\.\d MB queued\)$/);
    slow.terminate();
  }, 30_000);
});

describe('a page that reads too slowly for the live samples (issue 10 item 1, FAULTS 6)', () => {
  it('misses batches that are counted per client and announced, and can reload the history', async () => {
    // A page that is slow, not dead: no drain timeout within the test.
    const live = await startPageServer({ root: join(dir, 'page'), handlers: session.handlers, port: 0, ws: { highWaterBytes: 2 * MiB, drainTimeoutMs: 60_000 } });
    const fast = await connect(live);
    const slow = await connect(live);
    const got = { fast: 0, slow: 0 };
    const missed: SamplesMissed[] = [];
    const count = (who: 'fast' | 'slow') => (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { event?: string; payload?: unknown };
      if (msg.event === 'samples') got[who] += (msg.payload as SampleBatchWire).t.length;
      if (msg.event === 'samplesMissed' && who === 'slow') missed.push(msg.payload as SamplesMissed);
    };
    fast.on('message', count('fast'));
    slow.on('message', count('slow'));
    slow.pause();
    const perBatch = 20_000;
    let sent = 0;
    for (let b = 0; b < 100; b++) {
      const t = Array.from({ length: perBatch }, (_, i) => sent + i);
      live.broadcast({ event: 'samples', payload: { sourceId: 'src-x', channels: ['a'], t, values: t.map((v) => [v / 3]), gaps: [], rejected: 0, dropped: 0 } });
      sent += perBatch;
      await new Promise((r) => setImmediate(r));
    }
    const slowInfo = live.clients().find((c) => c.missedSamples > 0);
    expect(slowInfo?.missedSamples).toBeGreaterThan(0);
    expect(slowInfo!.peakQueuedBytes).toBeLessThan(2 * MiB + 2 * MiB);
    slow.resume();
    const end = Date.now() + 10_000;
    while ((got.fast < sent || got.slow + (missed.at(-1)?.total ?? 0) < sent) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    // The fast page got everything; the slow one got the rest and was told exactly what it missed.
    expect(got.fast).toBe(sent);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.reduce((n, m) => n + m.samples, 0)).toBe(missed.at(-1)!.total);
    expect(got.slow + missed.at(-1)!.total).toBe(sent);
    expect(missed.at(-1)!.total).toBe(slowInfo!.missedSamples);
    expect(missed[0].sourceId).toBe('src-x');
    // It can reload the history main holds (the resync the page does after a notice).
    const history = await call(slow, 1, 'getHistory');
    expect(history.ok).toBe(true);
    fast.close();
    slow.close();
    await live.close();
  }, 30_000);
});
