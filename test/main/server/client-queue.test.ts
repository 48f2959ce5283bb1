// One client's send queue (main/server/client-queue.ts): sample batches skipped for a client that
// is behind leave a gap at the first row of the next batch it gets (issue 12 item 3); skipped monitor
// batches are counted in the next one.
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';

import { ClientQueue, queueLimits } from '../../../main/server/client-queue';
import type { MonitorBatch, SampleBatchWire } from '../../../shared/api/contract';

/** A socket that holds what it is sent until `drain()`. */
function fakeSocket() {
  const sent: string[] = [];
  let callbacks: (() => void)[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (bytes: Buffer, _opts: unknown, cb: () => void) => {
      sent.push(bytes.toString('utf8'));
      callbacks.push(cb);
    },
    pause: () => undefined,
    resume: () => undefined,
    close: () => undefined,
    terminate: () => undefined,
  };
  const drain = () => {
    const now = callbacks;
    callbacks = [];
    for (const cb of now) cb();
  };
  return { socket: socket as unknown as WebSocket, sent, drain };
}

function batch(t: number[], gaps: number[] = []): SampleBatchWire {
  return { sourceId: 'src-1', channels: ['a'], t, values: t.map((x) => [x]), gaps, rejected: 0, dropped: 0 };
}

function send(queue: ClientQueue, b: SampleBatchWire): void {
  queue.sendSamples(JSON.stringify({ event: 'samples', payload: b }), b);
}

function batchesIn(sent: string[]): SampleBatchWire[] {
  return sent.map((s) => JSON.parse(s) as { event: string; payload: SampleBatchWire }).filter((m) => m.event === 'samples').map((m) => m.payload);
}

describe('ClientQueue', () => {
  it('marks a gap at the first row of the first batch after batches were skipped, once', () => {
    const { socket, sent, drain } = fakeSocket();
    const queue = new ClientQueue(socket, queueLimits({ highWaterBytes: 200, drainTimeoutMs: 60_000 }));
    send(queue, batch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]));
    expect(queue.full).toBe(true);
    send(queue, batch([21, 22])); // skipped
    drain();
    send(queue, batch([23, 24], [1]));
    drain();
    send(queue, batch([25]));
    drain();
    const got = batchesIn(sent);
    expect(got.map((b) => b.t[0])).toEqual([1, 23, 25]);
    expect(got.map((b) => b.gaps)).toEqual([[], [0, 1], []]);
    expect(queue.info().missedSamples).toBe(2);
    queue.dispose();
  });

  it('skips monitor batches for a client that is behind and counts their lines in the next one it gets', () => {
    const { socket, sent, drain } = fakeSocket();
    const queue = new ClientQueue(socket, queueLimits({ highWaterBytes: 200, drainTimeoutMs: 60_000 }));
    const monitor = (texts: string[], skipped = 0): MonitorBatch => ({ sourceId: 'src-1', lines: texts.map((text, i) => ({ seq: i, t: 0, kind: 'data', text })), skipped });
    const sendMonitor = (b: MonitorBatch) => queue.sendMonitor(JSON.stringify({ event: 'monitor', payload: b }), b);
    sendMonitor(monitor([`temp:${'1'.repeat(250)}`]));
    expect(queue.full).toBe(true);
    sendMonitor(monitor(['temp:2', 'temp:3'], 5)); // skipped: 2 lines, and 5 main had skipped already
    drain();
    sendMonitor(monitor(['temp:4']));
    sendMonitor(monitor(['temp:5']));
    drain();
    const got = sent.map((s) => JSON.parse(s) as { event: string; payload: MonitorBatch }).map((m) => [m.payload.lines.map((l) => l.text.slice(0, 6)), m.payload.skipped]);
    expect(got).toEqual([[['temp:1'], 0], [['temp:4'], 7], [['temp:5'], 0]]);
    queue.dispose();
  });

  it('sends a batch unchanged when nothing was skipped', () => {
    const { socket, sent } = fakeSocket();
    const queue = new ClientQueue(socket, queueLimits());
    send(queue, batch([1, 2], [1]));
    expect(batchesIn(sent).map((b) => b.gaps)).toEqual([[1]]);
    queue.dispose();
  });
});
