// Engine benchmark, latencies (for scripts/bench/engine.ts): single-window forecast latency on a
// cfg-A-size model, and the per-sample cost and heap growth of the streaming update.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { train } from '../../../shared/model';
import { LstmCell } from '../../../shared/model/cell';
import { initialWeights, type NetworkShape } from '../../../shared/model/network';
import { createRandom, normal } from '../../../shared/model/random';

const now = (): number => performance.now();

function seasonal(n: number): Float64Array {
  const rand = createRandom(3);
  return Float64Array.from({ length: n }, (_, i) => 20 + 5 * Math.sin((2 * Math.PI * i) / 24) + normal(rand));
}

/** V8's gc(), exposed at run time (scripts/bench.mjs starts node without --expose-gc), or null. */
function exposedGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** Pushes timed, and pushes over which the heap is watched (after a warm-up of as many). */
export const STREAM_PUSHES = 200_000;
export const ALLOC_PUSHES = 100_000;

export interface Latencies {
  forecastMs: number;
  streamUs: number;
  /** Heap growth per push over ALLOC_PUSHES (no GC in between), bytes; null without --expose-gc. */
  streamBytesPerSample: number | null;
  streamCell: string;
}

export async function latencies(): Promise<Latencies> {
  const table = { time: null, intervalMs: null, channels: [{ name: 'y', values: seasonal(400) }] };
  // cfg A's size: window 48, 64 units, H 12.
  const model = await train({ table, target: 'y' }, { horizon: 12, window: 48, units: 64, epochs: 1, period: 24 });
  for (let i = 0; i < 20; i++) model.forecast(table, { method: 'lstm' });
  let t0 = now();
  const reps = 200;
  for (let i = 0; i < reps; i++) model.forecast(table, { method: 'lstm' });
  const forecastMs = (now() - t0) / reps;
  const stream = model.stream({ method: 'lstm' });
  const values = table.channels[0].values;
  // One reused row: the caller's array is not the stream's allocation.
  const row = [0];
  const push = (count: number, from: number): void => {
    for (let i = 0; i < count; i++) {
      row[0] = values[(from + i) % values.length];
      stream.push(row);
    }
  };
  // Warm-up: the JIT's first tiers record feedback on the heap; measure the steady state.
  push(STREAM_PUSHES, 0);
  t0 = now();
  push(STREAM_PUSHES, 7);
  const streamUs = ((now() - t0) * 1000) / STREAM_PUSHES;
  // A full GC first, none during (young-generation space covers 100k pushes' worth of nothing).
  const gc = exposedGc();
  let streamBytesPerSample: number | null = null;
  if (gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    push(ALLOC_PUSHES, 3);
    streamBytesPerSample = Math.max(0, process.memoryUsage().heapUsed - before) / ALLOC_PUSHES;
  }
  const cellShape: NetworkShape = { window: 48, features: 2, units: 64, horizon: 12 };
  const streamCell = new LstmCell(cellShape, initialWeights(cellShape, 1)).runsOn;
  model.dispose();
  return { forecastMs, streamUs, streamBytesPerSample, streamCell };
}
