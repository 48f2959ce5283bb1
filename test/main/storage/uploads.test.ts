// Uploads streamed to disk (issue 10 item 8): finished uploads are imported one at a time, and an
// upload left idle is deleted.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { UploadStore } from '../../../main/storage/uploads';
import { ok } from '../../../shared/api/contract';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function uploaded(store: UploadStore, text: string): Promise<string> {
  const started = await store.start('a.csv', text.length);
  if (!started.ok) throw new Error(started.error.message);
  await store.chunk(started.value.uploadId, 0, Buffer.from(text).toString('base64'));
  return started.value.uploadId;
}

describe('UploadStore', () => {
  it('imports finished uploads one at a time', async () => {
    const store = new UploadStore({ dir });
    const log: string[] = [];
    const slowImport = (tag: string) => async (path: string) => {
      log.push(`start ${tag}`);
      expect(existsSync(path)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      log.push(`end ${tag}`);
      return ok(tag);
    };
    const [a, b, c] = await Promise.all(['1,2\n', '3,4\n', '5,6\n'].map((t) => uploaded(store, t)));
    const results = await Promise.all([store.finish(a, slowImport('a')), store.finish(b, slowImport('b')), store.finish(c, slowImport('c'))]);
    expect(results.map((r) => r.ok && r.value)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('goes on after an import that throws', async () => {
    const store = new UploadStore({ dir });
    const a = await uploaded(store, '1\n');
    const b = await uploaded(store, '2\n');
    const failing = store.finish(a, async () => {
      throw new Error('boom');
    });
    const next = store.finish(b, async () => ok('b'));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toEqual(ok('b'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('deletes an upload left idle', async () => {
    const store = new UploadStore({ dir, idleMs: 100 });
    await uploaded(store, '1,2\n');
    expect(readdirSync(dir)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(readdirSync(dir)).toEqual([]);
    expect(store.open).toBe(0);
  });
});
