// Column storage of the importer (issue 10 item 7): a column grows one block at a time, never to
// twice its length, and hands over one exact array.
import { describe, expect, it } from 'vitest';

import { ColumnStore } from '../../../main/files/column-store';

describe('ColumnStore', () => {
  it('holds at most one block more than its values while it grows (no doubling)', () => {
    const store = new ColumnStore();
    let worst = 0;
    for (let i = 0; i < 1_500_000; i++) {
      store.push(i * 0.5);
      if ((i & 0xffff) === 0) worst = Math.max(worst, store.allocatedBytes - store.length * 8);
    }
    // A block is 64 Ki values (512 KiB): doubling would leave up to the whole length spare (12 MB here).
    expect(worst).toBeLessThanOrEqual(512 * 1024);
    expect(store.allocatedBytes - store.length * 8).toBeLessThanOrEqual(512 * 1024);
  });

  it('hands over one exact array in order and is empty afterwards', () => {
    const store = new ColumnStore();
    for (let i = 0; i < 200_003; i++) store.push(i === 7 ? Number.NaN : i);
    const values = store.take();
    expect(values).toBeInstanceOf(Float64Array);
    expect(values.length).toBe(200_003);
    expect(values.buffer.byteLength).toBe(200_003 * 8);
    expect(values[0]).toBe(0);
    expect(values[7]).toBeNaN();
    expect(values[65_536]).toBe(65_536);
    expect(values[200_002]).toBe(200_002);
    expect(store.length).toBe(0);
    expect(store.allocatedBytes).toBe(0);
  });
});
