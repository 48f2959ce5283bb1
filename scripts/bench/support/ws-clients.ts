// The memory benchmark's WebSocket clients of browser mode's server (scripts/bench/memory.ts): a
// client that sends getState and never reads the replies, one that uploads a file the way the page
// does, and a probe that measures another client's round trip and this process's RSS meanwhile.
// In a folder of its own: every scripts/bench/*.ts is a benchmark of its own (scripts/bench.mjs).
import { readFileSync } from 'node:fs';

import WebSocket from 'ws';

const MB = 1024 * 1024;

export function connect(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { maxPayload: 1024 * MB });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends getState many times and never reads a reply, for `seconds`. */
export async function childAttack(port: number, token: string, seconds: number): Promise<void> {
  const ws = await connect(port, token);
  ws.pause();
  ws.on('error', () => undefined);
  let id = 1;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end && ws.readyState === ws.OPEN) {
    for (let i = 0; i < 200; i++) ws.send(JSON.stringify({ id: id++, method: 'getState' }));
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(`${JSON.stringify({ sent: id - 1 })}\n`);
  ws.terminate();
}

/** Uploads `path` the way the page does (1 MiB chunks, each acknowledged) and imports it. */
export async function childUpload(port: number, token: string, path: string): Promise<void> {
  const ws = await connect(port, token);
  let next = 1;
  const waiting = new Map<number, (r: { ok: boolean; value?: Record<string, unknown>; error?: { message: string } }) => void>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result: { ok: boolean } };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: unknown) =>
    new Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { message: string } }>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const bytes = readFileSync(path);
  const t0 = performance.now();
  const started = await call('uploadStart', { name: 'big.csv', bytes: bytes.length });
  if (!started.ok) throw new Error(started.error?.message);
  const { uploadId, chunkBytes } = started.value as { uploadId: string; chunkBytes: number };
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const r = await call('uploadChunk', { uploadId, offset, data: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
    if (!r.ok) throw new Error(r.error?.message);
  }
  const uploaded = (performance.now() - t0) / 1000;
  const done = await call('uploadFinish', { uploadId });
  process.stdout.write(`${JSON.stringify({ ok: done.ok, uploadSeconds: uploaded, totalSeconds: (performance.now() - t0) / 1000, rows: done.value?.rows })}\n`);
  ws.close();
}

/** Samples this process's RSS and another client's round trip while `during` runs. */
export async function underLoad(port: number, token: string, during: () => Promise<unknown>) {
  const probe = await connect(port, token);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let worstMs = 0;
  let running = true;
  const pinger = (async () => {
    let id = 1;
    while (running) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const mine = id++;
        const onMessage = (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { id?: number }).id === mine) {
            probe.off('message', onMessage);
            resolve();
          }
        };
        probe.on('message', onMessage);
        probe.send(JSON.stringify({ id: mine, method: 'getSettings' }));
      });
      worstMs = Math.max(worstMs, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const result = await during();
  running = false;
  await pinger;
  clearInterval(sampler);
  probe.close();
  return { peak, worstMs, result };
}
