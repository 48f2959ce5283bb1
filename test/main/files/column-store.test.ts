// Column storage of the importer (issue 10 item 7): a column sized from the file's line breaks is
// filled in place and handed over without a copy; past that, it grows one block at a time, never
// to twice its length.
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

  it('fills the array sized from the line count in place and hands it over without a copy', () => {
    const store = new ColumnStore(1000);
    for (let i = 0; i < 600; i++) store.push(i);
    expect(store.allocatedBytes).toBe(8000);
    const values = store.take();
    expect(values.length).toBe(600);
    expect(values.buffer.byteLength).toBe(8000); // the same array: never copied (its unused tail never written)
    expect(values[599]).toBe(599);
  });

  it('goes on in blocks past its capacity (a file that grew while read)', () => {
    const store = new ColumnStore(100);
    for (let i = 0; i < 100_000; i++) store.push(i);
    expect(store.allocatedBytes - 100_000 * 8).toBeLessThanOrEqual(512 * 1024);
    const values = store.take();
    expect(values.length).toBe(100_000);
    expect(values[99]).toBe(99);
    expect(values[100]).toBe(100);
    expect(values[99_999]).toBe(99_999);
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
