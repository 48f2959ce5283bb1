import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createDemoSource, resolveDemoFile } from '../../../main/sources/demo-source';
import { ReplaySource } from '../../../main/sources/replay-source';
import { createSource } from '../../../main/sources/create-source';
import type { Source, SourceBatch } from '../../../main/sources/source';

const FIXTURE = join(__dirname, '../../fixtures/csv/replay-5-rows.csv');
const running: Source[] = [];
afterEach(async () => {
  while (running.length) await running.pop()?.stop();
});

function collect(source: Source) {
  running.push(source);
  const rows: { t: number; values: number[] }[] = [];
  const gaps: string[] = [];
  const states: string[] = [];
  source.on('samples', (b: SourceBatch) => rows.push(...b.samples.map((s) => ({ t: s.t, values: s.values }))));
  source.on('gap', (_t, reason) => gaps.push(reason));
  source.on('status', (s) => states.push(s.state));
  return { rows, gaps, states };
}

async function until(test: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ReplaySource', () => {
  it('replays every row of a file in order, stamped with the host time, then ends', async () => {
    const source = createSource({ kind: 'replay', path: FIXTURE, speed: 1, rowsPerSecond: 200 });
    const got = collect(source);
    await source.start();
    await until(() => got.states.includes('ended'), 'ended');
    expect(got.rows.map((r) => r.values[0])).toEqual([20.5, 20.6, Number.NaN, 20.8, 20.9]);
    // Host times, in order: the file's own times (2024) are not the samples' times.
    expect(got.rows.every((r, i) => r.t > Date.UTC(2025, 0, 1) && (i === 0 || r.t >= got.rows[i - 1].t))).toBe(true);
    expect(source.status().channels).toEqual(['temp', 'hum']);
    expect(source.status().counts.samples).toBe(5);
  });

  it('speed scales the file pace: 1 s rows at speed 10 play at 10 rows/s', async () => {
    const source = new ReplaySource({ path: FIXTURE, speed: 10, tickMs: 5 });
    const got = collect(source);
    const arrived: number[] = [];
    source.on('samples', (b: SourceBatch) => arrived.push(...b.samples.map(() => Date.now())));
    const before = Date.now();
    await source.start();
    await until(() => got.states.includes('ended'), 'ended');
    const ended = Date.now();
    expect(got.rows).toHaveLength(5);
    // Row k is due (k + 1) x 100 ms after the start, never earlier: not faster than the pace...
    arrived.forEach((t, k) => expect(t - before, `row ${k}`).toBeGreaterThanOrEqual((k + 1) * 100));
    // ...and not the file's own pace (5 s) or half the speed (1 s): the five rows take about 0.5 s.
    expect(ended - before).toBeLessThan(1000);
  });

  it('loops with a gap marker at each restart', async () => {
    const source = createSource({ kind: 'replay', path: FIXTURE, speed: 1, rowsPerSecond: 500, loop: true });
    const got = collect(source);
    await source.start();
    await until(() => got.rows.length >= 12, '12 rows');
    expect(got.gaps[0]).toBe('loop');
    expect(got.rows[5].values[0]).toBe(20.5);
  });

  it('a missing file is FILE_NOT_FOUND', async () => {
    const source = createSource({ kind: 'replay', path: '/tmp/sensorcast-nope.csv', speed: 1 });
    await expect(source.start()).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('demo source', () => {
  it('ships a real series and plays it as a live sensor', async () => {
    expect(resolveDemoFile()).toMatch(/resources\/demo\/nottem\.csv$/);
    const source = createDemoSource({ rowsPerSecond: 400 });
    const got = collect(source);
    await source.start();
    expect(source.status()).toMatchObject({ kind: 'demo', label: 'demo', state: 'connected', channels: ['value'] });
    await until(() => got.rows.length >= 245, 'one loop');
    // nottem.csv starts 40.6, 40.8, 44.4 (deg F, Nottingham Castle, January 1920 on).
    expect(got.rows.slice(0, 3).map((r) => r.values[0])).toEqual([40.6, 40.8, 44.4]);
    expect(got.rows[240].values[0]).toBe(40.6);
    expect(got.gaps).toContain('loop');
  });
});
