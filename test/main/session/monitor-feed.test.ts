// The page's serial monitor, main side (main/session/monitor-feed.ts), with a real SerialSource on a
// socat pty: raw lines forwarded in batches only while a page watches, the backlog on open, a
// flood capped and counted, a lease that runs out, and a line sent to the board with its ending.
import { closeSync, constants, openSync, writeSync } from 'node:fs';

import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';

import { parseParams, type EventEnvelope, type MonitorBatch } from '../../../shared/api/contract';
import { MonitorFeed } from '../../../main/session/monitor-feed';
import { SerialSource } from '../../../main/sources/serial-source';
import { startPtyPair } from '../../support/socat-pty';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setUp(options: ConstructorParameters<typeof MonitorFeed>[1] = {}) {
  const pty = await startPtyPair();
  cleanups.push(() => pty.dispose());
  const source = new SerialSource({ path: pty.devPath, baudRate: 115200 }, { allowPty: true });
  const batches: MonitorBatch[] = [];
  const feed = new MonitorFeed((e: EventEnvelope) => {
    if (e.event === 'monitor') batches.push(e.payload as MonitorBatch);
  }, options);
  await source.start();
  cleanups.push(() => source.stop());
  feed.attach('src-1', source);
  cleanups.push(() => feed.detach());
  // The board's end; the source drops the first partial line after its open, so begin with a line end.
  const fd = openSync(pty.simPath, constants.O_RDWR | constants.O_NOCTTY);
  cleanups.push(() => closeSync(fd));
  writeSync(fd, '\r\n');
  return { pty, source, feed, batches, board: (text: string) => writeSync(fd, text) };
}

async function until(what: string, test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const lines = (batches: MonitorBatch[]) => batches.flatMap((b) => b.lines);

describe('MonitorFeed over a socat pty', () => {
  it('forwards raw lines in batches only while a page watches, with the reject reason, and gives the backlog on open', async () => {
    const { feed, batches, board } = await setUp();
    board('temp:1\r\nFailed to read from DHT sensor!\r\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(batches).toEqual([]); // nobody watches: nothing goes out
    const opened = feed.watch('page-one-0001', true);
    expect([opened.raw, opened.sends]).toEqual([true, true]);
    expect(opened.sourceId).toBe('src-1');
    expect(opened.lines.map((l) => [l.kind, l.text, l.reason])).toEqual([
      ['data', 'temp:1', undefined],
      ['rejected', 'Failed to read from DHT sensor!', 'non-numeric'],
    ]);
    for (let i = 2; i < 202; i++) board(`temp:${i}\r\n`);
    await until('200 lines forwarded', () => lines(batches).length >= 200);
    const got = lines(batches);
    expect(got.map((l) => l.text)).toEqual(Array.from({ length: 200 }, (_, i) => `temp:${i + 2}`));
    // Numbered after the backlog, one by one; far fewer messages than lines.
    expect(got.map((l) => l.seq)).toEqual(Array.from({ length: 200 }, (_, i) => opened.lines[1].seq + 1 + i));
    expect(batches.length).toBeLessThan(40);
    expect(batches.every((b) => b.sourceId === 'src-1' && b.skipped === 0)).toBe(true);
    // Closed: no more batches.
    feed.watch('page-one-0001', false);
    const before = batches.length;
    board('temp:999\r\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(batches.length).toBe(before);
  });

  it('caps a batch and counts the lines it skipped; a lease that is not renewed runs out', async () => {
    const { feed, batches, board } = await setUp({ maxBatch: 50, leaseMs: 1500, batchMs: 100 });
    feed.watch('page-two-0002', true);
    board(Array.from({ length: 400 }, (_, i) => `v:${i}\r\n`).join(''));
    await until('400 lines forwarded or skipped', () => batches.reduce((n, b) => n + b.lines.length + b.skipped, 0) >= 400);
    expect(batches.every((b) => b.lines.length <= 50)).toBe(true);
    expect(batches.reduce((n, b) => n + b.skipped, 0)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1700));
    const before = batches.length;
    board('v:1000\r\n');
    await new Promise((r) => setTimeout(r, 400));
    expect(batches.length).toBe(before);
  });

  it('sends a line with the chosen ending to the other end of the pty, and shows it as sent', async () => {
    const { pty, feed, batches } = await setUp();
    const board = new SerialPort({ path: pty.simPath, baudRate: 115200, lock: false, autoOpen: false });
    await new Promise<void>((resolve, reject) => board.open((err) => (err ? reject(err) : resolve())));
    cleanups.push(() => new Promise<void>((r) => board.close(() => r())));
    let received = '';
    board.on('data', (d: Buffer) => (received += d.toString('latin1')));
    feed.watch('page-three-3', true);
    expect(await feed.send({ text: 'led on', ending: 'crlf' })).toEqual({ ok: true, value: { bytes: 8 } });
    expect(await feed.send({ text: 'rate 10', ending: 'none' })).toEqual({ ok: true, value: { bytes: 7 } });
    await until('both lines at the board', () => received.length >= 15);
    expect(received).toBe('led on\r\nrate 10');
    await until('the sent lines in the monitor', () => lines(batches).filter((l) => l.kind === 'sent').length === 2);
    expect(lines(batches).filter((l) => l.kind === 'sent').map((l) => l.text)).toEqual(['led on', 'rate 10']);
  });

  it('without a serial source: watch says so, send is refused; the contract refuses a NUL, a line break and a long line', async () => {
    const feed = new MonitorFeed(() => undefined);
    expect(feed.watch('page-four-04', true)).toEqual({ sourceId: null, raw: false, sends: false, lines: [] });
    const r = await feed.send({ text: 'x', ending: 'lf' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Open a serial port/);
    feed.detach();
    expect(parseParams('sendLine', { text: 'a\0b', ending: 'lf' }).ok).toBe(false);
    expect(parseParams('sendLine', { text: 'a\nb', ending: 'lf' }).ok).toBe(false);
    expect(parseParams('sendLine', { text: 'x'.repeat(513), ending: 'lf' }).ok).toBe(false);
    expect(parseParams('sendLine', { text: 'ok', ending: 'tab' }).ok).toBe(false);
    expect(parseParams('monitorWatch', { viewer: 'x', open: true }).ok).toBe(false);
    expect(parseParams('sendLine', { text: 'set 1', ending: 'crlf' }).ok).toBe(true);
  });
});
