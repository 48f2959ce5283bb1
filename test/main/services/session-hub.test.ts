// The session hub's accounting (issue 10 item 1, FAULTS 6): samples a flood pushes past a batch
// are counted in the status the page shows, and a history snapshot sends the pending samples
// first, so that a page reloading its history after missed batches gets no duplicates and no hole.
import { describe, expect, it } from 'vitest';

import { SessionHub } from '../../../main/services/session-hub';
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
  return { source, emit };
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
});
