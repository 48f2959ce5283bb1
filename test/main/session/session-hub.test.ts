// The session hub's accounting (issue 10 item 1, FAULTS 6): samples a flood pushes past a batch
// are counted in the status the page shows, and a history snapshot sends the pending samples
// first, so that a page reloading its history after missed batches gets no duplicates and no hole.
// Gaps travel as row indices and are never lost (issue 12 item 3).
import { describe, expect, it } from 'vitest';

import { SessionHub } from '../../../main/session/session-hub';
import type { Source, SourceBatch } from '../../../main/sources/source';
import type { EventEnvelope, SampleBatchWire } from '../../../shared/api/contract';
import { emptyCounts, type SourceStatus } from '../../../shared/source-status';

/** A source that emits what the test tells it to. */
function fakeSource() {
  const listeners: Record<string, ((arg: unknown) => void)[]> = {};
  const status: SourceStatus = { state: 'connected', kind: 'demo', label: 'demo', channels: ['a'], units: {}, counts: emptyCounts(), lastError: null, since: 0 };
  const source = {
    kind: 'demo',
    label: 'demo',
    on: (event: string, listener: (arg: unknown) => void) => (listeners[event] ??= []).push(listener),
    start: async () => undefined,
    stop: async () => undefined,
    status: () => status,
  } as unknown as Source;
  const emit = (n: number, from = 0) => {
    const batch: SourceBatch = { channels: ['a'], samples: Array.from({ length: n }, (_, i) => ({ t: from + i, values: [from + i] })) };
    for (const l of listeners.samples ?? []) l(batch);
  };
  const gap = (t: number) => {
    for (const l of listeners.gap ?? []) l(t);
  };
  return { source, emit, gap };
}

describe('SessionHub', () => {
  it('counts the samples a flood pushes past a batch in the status (never silently)', async () => {
    const fake = fakeSource();
    const hub = new SessionHub({ createSource: () => fake.source, maxBatchSamples: 100, batchMs: 60_000 });
    const events: EventEnvelope[] = [];
    hub.onEvent((e) => events.push(e));
    await hub.open({ kind: 'demo' });
    fake.emit(250);
    hub.flush();
    const batch = events.find((e) => e.event === 'samples')!.payload as SampleBatchWire;
    expect(batch.t).toHaveLength(100);
    expect(batch.dropped).toBe(150);
    expect(hub.status().dropped).toBe(150);
    // Kept in main's history all the same: a page that reloads it has every sample.
    expect(hub.history().t).toHaveLength(250);
    await hub.dispose();
  });

  it('sends the pending samples before it takes a history snapshot', async () => {
    const fake = fakeSource();
    const hub = new SessionHub({ createSource: () => fake.source, batchMs: 60_000 });
    const events: EventEnvelope[] = [];
    hub.onEvent((e) => events.push(e));
    await hub.open({ kind: 'demo' });
    fake.emit(30);
    const history = hub.history();
    const sent = events.filter((e) => e.event === 'samples').flatMap((e) => (e.payload as SampleBatchWire).t);
    // Everything in the snapshot has been sent already; every later batch holds newer samples only.
    expect(history.t).toEqual(sent);
    fake.emit(5, 30);
    hub.flush();
    const later = (events.at(-1)!.payload as SampleBatchWire).t;
    expect(later).toEqual([30, 31, 32, 33, 34]);
    await hub.dispose();
  });

  describe('gaps (issue 12 item 3)', () => {
    async function open(options: { maxBatchSamples?: number } = {}) {
      const fake = fakeSource();
      const hub = new SessionHub({ createSource: () => fake.source, batchMs: 60_000, ...options });
      const batches: SampleBatchWire[] = [];
      hub.onEvent((e) => {
        if (e.event === 'samples') batches.push(e.payload as SampleBatchWire);
      });
      await hub.open({ kind: 'demo' });
      return { fake, hub, batches };
    }

    it('marks the row that follows a gap by its index in the batch; several gap events before it make one gap', async () => {
      const { fake, hub, batches } = await open();
      fake.emit(3, 0);
      fake.gap(3);
      fake.gap(4);
      fake.emit(2, 10);
      hub.flush();
      expect(batches).toHaveLength(1);
      expect(batches[0].t).toEqual([0, 1, 2, 10, 11]);
      expect(batches[0].gaps).toEqual([3]);
      await hub.dispose();
    });

    it('carries a gap that arrives in a batch without samples to the next batch that has rows', async () => {
      const { fake, hub, batches } = await open();
      fake.emit(2, 0);
      hub.flush();
      fake.gap(2);
      hub.flush(); // nothing to send yet: the gap waits
      hub.flush();
      fake.emit(2, 100);
      hub.flush();
      fake.emit(1, 102);
      hub.flush();
      expect(batches.map((b) => b.gaps)).toEqual([[], [0], []]);
      expect(batches[1].t).toEqual([100, 101]);
      await hub.dispose();
    });

    it('keeps the gaps in the history a new page gets', async () => {
      const { fake, hub } = await open();
      fake.emit(3, 0);
      fake.gap(3);
      fake.emit(4, 10);
      fake.gap(14);
      fake.emit(1, 20);
      const history = hub.history();
      expect(history.t).toEqual([0, 1, 2, 10, 11, 12, 13, 20]);
      expect(history.gaps).toEqual([3, 7]);
      expect(hub.history(6).gaps).toEqual([1, 5]);
      await hub.dispose();
    });

    it('counts samples a flood pushes past a batch as a gap before the next row the page gets', async () => {
      const { fake, hub, batches } = await open({ maxBatchSamples: 5 });
      fake.emit(8, 0);
      hub.flush();
      fake.emit(2, 8);
      hub.flush();
      expect(batches[0].t).toEqual([0, 1, 2, 3, 4]);
      expect(batches[0].gaps).toEqual([]);
      expect(batches[1]).toMatchObject({ t: [8, 9], gaps: [0] });
      // Main's history has every sample, so no gap there.
      expect(hub.history().gaps).toEqual([]);
      await hub.dispose();
    });
  });
});
