import { describe, expect, it } from 'vitest';

import { RingBuffer } from '../../../shared/buffer/ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest rows in order once full', () => {
    const b = new RingBuffer({ capacity: 3, channels: ['a'] });
    for (let i = 1; i <= 5; i++) b.push(i * 10, [i]);
    const s = b.latest();
    expect(Array.from(s.time)).toEqual([30, 40, 50]);
    expect(Array.from(s.channels[0].values)).toEqual([3, 4, 5]);
    expect(b.length).toBe(3);
    expect(b.totalPushed).toBe(5);
    expect(s.intervalMs).toBe(10);
  });

  it('a channel added later reads NaN for earlier rows, never 0', () => {
    const b = new RingBuffer({ capacity: 4, channels: ['a'] });
    b.push(1, [1]);
    b.syncChannels(['a', 'b']);
    b.push(2, [2, 20]);
    const s = b.latest();
    expect(s.channels.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(s.channels[1].values)).toEqual([Number.NaN, 20]);
  });

  it('gap markers survive into the snapshot at the row after the gap', () => {
    const b = new RingBuffer({ capacity: 10, channels: ['a'] });
    b.push(1, [1]);
    b.push(2, [2]);
    b.markGap();
    b.push(9, [9]);
    expect(b.latest().gaps).toEqual([2]);
    expect(b.latest(1).gaps).toEqual([]);
  });

  it('window() returns the rows in a time range (the chart live window)', () => {
    const b = new RingBuffer({ capacity: 100, channels: ['a'] });
    for (let i = 0; i < 50; i++) b.push(i * 100, [i]);
    const w = b.window(4000, 4500);
    expect(Array.from(w.time)).toEqual([4000, 4100, 4200, 4300, 4400]);
    expect(Array.from(w.channels[0].values)).toEqual([40, 41, 42, 43, 44]);
  });

  it('memory stays flat over a 24-hour stream at 100 Hz (8.64 M samples, 4 channels)', () => {
    const b = new RingBuffer({ capacity: 60_000, channels: ['a', 'b', 'c', 'd'] });
    const bytes = b.byteLength;
    const values = new Float64Array(4);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 8_640_000; i++) {
      values[0] = i;
      b.push(t0 + i * 10, values);
    }
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(b.byteLength).toBe(bytes);
    expect(b.length).toBe(60_000);
    expect(b.totalPushed).toBe(8_640_000);
    // Whatever garbage the loop left behind is far below one more buffer's worth.
    expect(heapAfter - heapBefore).toBeLessThan(bytes);
    const last = b.latest(1);
    expect(last.channels[0].values[0]).toBe(8_639_999);
  });

  it('rejects a bad capacity', () => {
    expect(() => new RingBuffer({ capacity: 0 })).toThrow(/capacity/);
  });
});
