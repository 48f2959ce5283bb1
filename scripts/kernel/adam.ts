// The training kernel's optimizer step (AssemblyScript): Adam in place over the parameter block.
// Part of the module built from lstm.ts.
import { NP, oG, oM, oV, oWx } from './layout';

/**
 * One Adam step in place, as tfjs's AdamOptimizer: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
 * w -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps). The caller passes the f32 factors.
 */
export function adam(lr: f32, b1: f32, b2: f32, omb1: f32, omb2: f32, omAcc1: f32, omAcc2: f32, eps: f32): void {
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vo1 = f32x4.splat(omb1);
  const vo2 = f32x4.splat(omb2);
  const va1 = f32x4.splat(omAcc1);
  const va2 = f32x4.splat(omAcc2);
  const veps = f32x4.splat(eps);
  const vlr = f32x4.splat(-lr);
  const end = <usize>NP << 2;
  for (let o: usize = 0; o < end; o += 16) {
    const g = v128.load(oG + o);
    const m = f32x4.add(f32x4.mul(v128.load(oM + o), vb1), f32x4.mul(g, vo1));
    const v = f32x4.add(f32x4.mul(v128.load(oV + o), vb2), f32x4.mul(f32x4.mul(g, g), vo2));
    v128.store(oM + o, m);
    v128.store(oV + o, v);
    const mh = f32x4.div(m, va1);
    const vh = f32x4.div(v, va2);
    const w = v128.load(oWx + o);
    v128.store(oWx + o, f32x4.add(f32x4.mul(f32x4.div(mh, f32x4.add(f32x4.sqrt(vh), veps)), vlr), w));
  }
}
