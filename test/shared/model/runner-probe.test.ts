// The trainer chosen by measured speed (shared/model/runner-probe.ts, as chooseRunner uses it in
// auto on WebGL): the slower runner loses and is disposed, the winner is built fresh from the
// starting weights (the probe changes nothing that is trained), the probe keeps to its time
// budget, one whose lower bound already loses is not run, its name says why, and a cancel during
// the probe stops it with nothing left behind.
// Runner costs are charged to a fake clock, so the outcome does not depend on this machine.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { kernelMemoryBytes } from '../../../shared/kernel';
import { runnerCandidates, tfjsBatchFloor, type BatchRunner } from '../../../shared/model/fit-runners';
import { buildNetwork, initialWeights, readNetworkWeights, setNetworkWeights, type NetworkShape } from '../../../shared/model/network';
import { resolveOptions } from '../../../shared/model/options';
import { fasterRunner, type ProbeCandidate } from '../../../shared/model/runner-probe';
import type { WindowArrays } from '../../../shared/series/windows';

import { backendReady, synthetic, windowArrays } from './helpers';

const SHAPE: NetworkShape = { window: 12, features: 1, units: 8, horizon: 3 };
const BATCH = 16;

/** A fake clock; `costly` makes a runner's every batch take `ms` on it, the first `warmMs`. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    costly(c: ProbeCandidate, ms: number, warmMs = ms, log: string[] = []): ProbeCandidate {
      return {
        label: c.label,
        async make() {
          const r = await c.make();
          let batches = 0;
          log.push(`make ${c.label}`);
          return {
            get name() {
              return r.name;
            },
            trainBatch(x, y, n) {
              t += batches++ === 0 ? warmMs : ms;
              log.push(`batch ${c.label}`);
              return r.trainBatch(x, y, n);
            },
            valLoss: () => r.valLoss(),
            snapshot: () => r.snapshot(),
            dispose() {
              log.push(`dispose ${c.label}`);
              r.dispose();
            },
          };
        },
      };
    },
  };
}

/** A runner that trains nothing (the pure cases). */
const idle = (name: string): ProbeCandidate => ({ label: name, make: (): BatchRunner => ({ name, trainBatch: () => 0.5, valLoss: () => 0.5, snapshot: () => () => undefined, dispose: () => undefined }) });

function windows(from: number, to: number): WindowArrays {
  const scaled = Float32Array.from(synthetic(200, 12, 3).channels[0].values, (v) => (v - 20) / 5);
  return windowArrays(scaled, SHAPE.window, SHAPE.horizon, from, to);
}

/** A model at its starting weights, the real kernel and tfjs candidates, and the probe's batch. */
function setup() {
  const model = buildNetwork(SHAPE);
  setNetworkWeights(model, SHAPE, initialWeights(SHAPE, 4));
  const start = readNetworkWeights(model);
  const train = windows(0, 150);
  const opt = resolveOptions({ horizon: SHAPE.horizon, learningRate: 0.01, seed: 4 });
  const [kernel, tfjs] = runnerCandidates(model, SHAPE, windows(130, 200), opt, BATCH);
  const batch = { x: train.x, y: train.y, n: BATCH };
  return { model, start, kernel, tfjs, batch, restore: () => setNetworkWeights(model, SHAPE, start) };
}

beforeAll(async () => {
  await backendReady;
});

describe('fasterRunner', () => {
  it('keeps the faster runner, disposes the slower and says why', async () => {
    const c = clock();
    const log: string[] = [];
    let restores = 0;
    const r = await fasterRunner([c.costly(idle('fast (one)'), 4, 40, log), c.costly(idle('slow'), 120, 900, log)], { x: new Float32Array(1), y: new Float32Array(1), n: 1 }, { restore: () => restores++, now: c.now });
    expect(r.winner).toBe(0);
    expect(r.msPerBatch).toEqual([4, 120]);
    expect(r.runner.name).toBe('fast (one; faster than slow here: 4.0 vs 120 ms a batch)');
    // Each probed once (1 warm-up + 2 timed batches) and disposed; the winner built again, not disposed.
    const probe = ['batch', 'batch', 'batch'];
    expect(log).toEqual(['make fast (one)', ...probe.map((b) => `${b} fast (one)`), 'dispose fast (one)', 'make slow', ...probe.map((b) => `${b} slow`), 'dispose slow', 'make fast (one)']);
    expect(restores).toBe(4);
  });

  it('stops timing at 2 s of probing: after a slow warm-up, one timed batch', async () => {
    const c = clock();
    const log: string[] = [];
    const r = await fasterRunner([c.costly(idle('a'), 300, 300, log), c.costly(idle('b'), 200, 1800, log)], { x: new Float32Array(1), y: new Float32Array(1), n: 1 }, { restore: () => undefined, now: c.now });
    expect(log.filter((l) => l === 'batch a')).toHaveLength(3);
    expect(log.filter((l) => l === 'batch b')).toHaveLength(2);
    // a: 300 + 2 x 300 (within its 1 s share); b: its warm-up, then one batch over the 2 s.
    expect(c.now()).toBe(900 + 1800 + 200);
    expect(r.runner.name).toBe('b (faster than a here: 200 vs 300 ms a batch)');
  });

  it('does not build a candidate whose lower bound already loses', async () => {
    const c = clock();
    const log: string[] = [];
    const bounded = (floor: number): ProbeCandidate => ({ ...c.costly(idle('gpu'), 1, 12_000, log), floor: () => floor });
    const r = await fasterRunner([c.costly(idle('kernel'), 5, 5, log), bounded(160)], { x: new Float32Array(1), y: new Float32Array(1), n: 1 }, { restore: () => undefined, now: c.now });
    expect(log.filter((l) => l.endsWith('gpu'))).toEqual([]);
    expect(r).toMatchObject({ winner: 0, msPerBatch: [5, 160], timed: [true, false] });
    expect(r.runner.name).toBe('kernel (faster than gpu here: 5.0 vs at least 160 ms a batch)');
    // A bound below the best so far is measured: here its warm-up is slow, its batches fast, and it wins.
    const again = await fasterRunner([c.costly(idle('kernel'), 5, 5), bounded(2)], { x: new Float32Array(1), y: new Float32Array(1), n: 1 }, { restore: () => undefined, now: c.now });
    expect(again).toMatchObject({ winner: 1, msPerBatch: [5, 1], timed: [true, true] });
    expect(log.filter((l) => l.endsWith('gpu'))).toEqual(['make gpu', 'batch gpu', 'batch gpu', 'dispose gpu', 'make gpu']);
  });

  it('a cancel while the lower bound is measured throws CANCELLED before that candidate is built', async () => {
    const c = clock();
    const log: string[] = [];
    const signal = { aborted: false };
    const gpu: ProbeCandidate = { ...c.costly(idle('gpu'), 1, 1, log), floor: () => ((signal.aborted = true), 0) };
    await expect(fasterRunner([c.costly(idle('kernel'), 5, 5, log), gpu], { x: new Float32Array(1), y: new Float32Array(1), n: 1 }, { restore: () => undefined, now: c.now, signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(log.filter((l) => l.endsWith('gpu'))).toEqual([]);
    expect(log.at(-1)).toBe('dispose kernel');
  });
});

describe('fasterRunner on the kernel and tfjs', () => {
  it("tfjs's lower bound is measured with no tensors left", async () => {
    const tensors = tf.memory().numTensors;
    const floor = await tfjsBatchFloor(SHAPE, BATCH);
    expect(Number.isFinite(floor) && floor >= 0).toBe(true);
    // Cancelled: it stops after its first matMul, with no bound.
    expect(await tfjsBatchFloor(SHAPE, BATCH, { aborted: true })).toBe(0);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('leaves the starting weights, and the winner trains as a fresh runner does', async () => {
    const tensors = tf.memory().numTensors;
    const { model, start, kernel, tfjs, batch, restore } = setup();
    for (const [slow, costs] of [['tfjs', [5, 50]], ['kernel', [50, 5]]] as const) {
      const c = clock();
      const r = await fasterRunner([c.costly(kernel, costs[0]), c.costly(tfjs, costs[1])], batch, { restore, now: c.now });
      expect(r.runner.name).toMatch(slow === 'tfjs' ? /^kernel \(wasm SIMD; faster than tfjs \w+ here: 5\.0 vs 50 ms a batch\)$/ : /^tfjs \w+ \(faster than the wasm kernel here: 5\.0 vs 50 ms a batch\)$/);
      // Six batches trained during the probe, none of them kept.
      expect(readNetworkWeights(model)).toEqual(start);
      const probed = [await r.runner.trainBatch(batch.x, batch.y, BATCH), await r.runner.trainBatch(batch.x, batch.y, BATCH)];
      r.runner.snapshot()();
      const after = readNetworkWeights(model);
      r.runner.dispose();
      restore();
      const fresh = await (slow === 'tfjs' ? kernel : tfjs).make();
      const plain = [await fresh.trainBatch(batch.x, batch.y, BATCH), await fresh.trainBatch(batch.x, batch.y, BATCH)];
      fresh.snapshot()();
      fresh.dispose();
      // Same losses and weights as a runner that was never probed: fresh Adam state, same start.
      expect(probed).toEqual(plain);
      expect(readNetworkWeights(model)).toEqual(after);
      restore();
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(kernelMemoryBytes()).toBe(0);
  });

  it('a cancel during the probe throws CANCELLED soon, with no tensors or wasm memory left', async () => {
    const tensors = tf.memory().numTensors;
    const { model, start, kernel, tfjs, batch, restore } = setup();
    const signal = { aborted: false };
    let cancelledAt = Infinity;
    // The cancel arrives as an event (a click's message) while tfjs is being measured.
    const cancelOnTfjs: ProbeCandidate = {
      label: tfjs.label,
      async make() {
        const r = await tfjs.make();
        setTimeout(() => {
          signal.aborted = true;
          cancelledAt = Date.now();
        }, 0);
        return r;
      },
    };
    await expect(fasterRunner([kernel, cancelOnTfjs], batch, { restore, signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - cancelledAt).toBeLessThan(500);
    expect(readNetworkWeights(model)).toEqual(start);
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(kernelMemoryBytes()).toBe(0);
  });
});
