// The streaming cell on the wasm kernel (shared/kernel/cell-kernel.ts) against the TypeScript
// step of shared/model/cell.ts (which itself equals tfjs, test/shared/model/cell.test.ts): same
// forecasts and gates step by step over a long carried sequence, odd shapes included (units and
// horizon not multiples of 4), and a reset starts again from zero.
import { describe, expect, it } from 'vitest';

import { WasmCell } from '../../../shared/kernel/cell-kernel';
import { LstmCell } from '../../../shared/model/cell';
import { initialWeights, type NetworkShape } from '../../../shared/model/network';
import { createRandom, normal } from '../../../shared/model/random';

const SHAPES: NetworkShape[] = [
  { window: 48, features: 2, units: 64, horizon: 12 },
  { window: 10, features: 3, units: 7, horizon: 5 },
  { window: 6, features: 1, units: 1, horizon: 1 },
];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('streaming cell on the wasm kernel equals the TypeScript step', () => {
  for (const shape of SHAPES) {
    it(`${shape.features} feature(s), ${shape.units} units, H ${shape.horizon}`, () => {
      const rand = createRandom(shape.units);
      const w = initialWeights(shape, 4);
      for (const arr of [w.kernel, w.recurrent, w.bias, w.head, w.headBias]) for (let i = 0; i < arr.length; i++) arr[i] += 0.3 * normal(rand);
      const wasm = new LstmCell(shape, w);
      const plain = new LstmCell(shape, w, { wasm: false });
      expect(wasm.gates.hidden).toHaveLength(shape.units);
      const a = new Float64Array(shape.horizon);
      const b = new Float64Array(shape.horizon);
      const row = new Float32Array(shape.features);
      for (let t = 0; t < 200; t++) {
        if (t === 120) {
          wasm.resetState();
          plain.resetState();
        }
        for (let k = 0; k < shape.features; k++) row[k] = normal(rand);
        wasm.step(row);
        plain.step(row);
        wasm.head(a);
        plain.head(b);
        expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
      }
      for (const name of ['learn', 'forget', 'remember', 'use', 'cell', 'hidden'] as const) expect(maxAbsDiff(wasm.gates[name], plain.gates[name])).toBeLessThan(1e-4);
    });
  }

  it('is what LstmCell uses here (wasm SIMD runs in Node)', () => {
    const shape = SHAPES[1];
    expect(() => new WasmCell(shape, initialWeights(shape, 1))).not.toThrow();
  });
});
