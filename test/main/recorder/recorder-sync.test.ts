// The recorder's promise that a crash loses at most about `flushMs`: rows are fdatasync'd on every
// flush, on the flush interval. The file handles are instrumented (node:fs/promises' open wraps
// each handle and logs its writes and syncs); the file itself is real.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import { Recorder } from '../../../main/recorder/recorder';

/** What the recorder did to its file handles, in order: 'w' a write, 's' a datasync or fsync, 'c' a close. */
const ops: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsPromises>();
  const open = async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
    const handle = await real.open(...args);
    return new Proxy(handle, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        const mark = key === 'write' ? 'w' : key === 'datasync' || key === 'sync' ? 's' : key === 'close' ? 'c' : null;
        return (...callArgs: unknown[]) => {
          if (mark) ops.push(mark);
          return (value as (...a: unknown[]) => unknown).apply(target, callArgs);
        };
      },
    });
  };
  return { ...real, default: { ...real, open }, open };
});

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-rec-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Recorder sync', () => {
  it('fdatasyncs what it wrote on every flush, once per flushMs, and before closing', async () => {
    const path = join(dir, 'synced.csv');
    const flushMs = 50;
    const r = new Recorder({ path, flushMs });
    await r.start(['a']);
    ops.length = 0;
    const started = Date.now();
    let seq = 0;
    const feeder = setInterval(() => r.write(['a'], [{ t: Date.now(), values: [seq++] }]), 5);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(feeder);
    const elapsed = Date.now() - started;
    await r.stop();

    const syncs = ops.filter((o) => o === 's').length;
    // On the interval: not once per sample, not only at the end.
    expect(syncs).toBeGreaterThanOrEqual(Math.floor(elapsed / flushMs / 4));
    expect(syncs).toBeLessThanOrEqual(Math.ceil(elapsed / flushMs) + 2);
    // Every write is synced before the next flush writes again, and before the file is closed.
    expect(ops.join('')).toMatch(/^(w+s)+c$/);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1 + seq);
  });
});
