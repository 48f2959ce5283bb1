// The streaming LSTM cell, in AssemblyScript (compiled with lstm.ts, which re-exports it): one
// time step of one sample on the trained weights, carrying c and h, then the dense head. Driven
// by shared/kernel/cell-kernel.ts for shared/model/cell.ts (the stream's one step per sample).
// Its own instance and memory (the globals below are separate from the trainer's).
//
// Layout (floats, from cellSetup's base; UP = U rounded up to 4, GP = 4 UP, HP = H rounded up to 4):
//   W [F+U, GP]: kernel rows then recurrent rows, gate g in columns g UP .. g UP + U (zeros between)
//   B [GP], Wd [U, HP], Bd [HP], V [F + UP] (x, then h of the last step), Z [GP],
//   gates [6, UP]: i, f, N, o, c, h; out [HP].
// Padded lanes have zero weights and bias, so their c and h stay exactly 0.
import { madd, sigmoidv, tanhv } from './simd-math';

let cF: i32 = 0;
let cU: i32 = 0;
let cUP: i32 = 0;
let cGP: i32 = 0;
let cHP: i32 = 0;
let pW: usize = 0;
let pB: usize = 0;
let pWd: usize = 0;
let pBd: usize = 0;
let pV: usize = 0;
let pZ: usize = 0;
let pGates: usize = 0;
let pOut: usize = 0;

function span(count: i32): usize {
  return ((<usize>count << 2) + 15) & ~(<usize>15);
}

/** Lays out the cell's buffers from `base` (16-byte aligned); returns the first byte past them. */
export function cellSetup(f: i32, u: i32, h: i32, base: usize): usize {
  cF = f;
  cU = u;
  cUP = (u + 3) & ~3;
  cGP = 4 * cUP;
  cHP = (h + 3) & ~3;
  pW = (base + 15) & ~(<usize>15);
  pB = pW + span((f + u) * cGP);
  pWd = pB + span(cGP);
  pBd = pWd + span(u * cHP);
  pV = pBd + span(cHP);
  pZ = pV + span(f + cUP);
  pGates = pZ + span(cGP);
  pOut = pGates + span(6 * cUP);
  return pOut + span(cHP);
}

export function cellWeightsPtr(): usize {
  return pW;
}
export function cellBiasPtr(): usize {
  return pB;
}
export function cellHeadPtr(): usize {
  return pWd;
}
export function cellHeadBiasPtr(): usize {
  return pBd;
}
/** Where the caller writes the F inputs of the next step. */
export function cellInputPtr(): usize {
  return pV;
}
export function cellGatesPtr(): usize {
  return pGates;
}
export function cellOutPtr(): usize {
  return pOut;
}

/** Zero state: c, h and the h part of V. */
export function cellReset(): void {
  memory.fill(pGates + (<usize>(4 * cUP) << 2), 0, <usize>(2 * cUP) << 2);
  memory.fill(pV + (<usize>cF << 2), 0, <usize>cUP << 2);
}

/** One step: Z = B + [x, h] W (16 columns at a time in registers), then the gates, c and h. */
export function cellStep(): void {
  const d = cF + cU;
  const row = <usize>cGP << 2;
  for (let s: usize = 0; s < row; s += 64) {
    let a0 = v128.load(pB + s);
    let a1 = v128.load(pB + s, 16);
    let a2 = v128.load(pB + s, 32);
    let a3 = v128.load(pB + s, 48);
    let w = pW + s;
    for (let k = 0; k < d; k++, w += row) {
      const x = v128.load32_splat(pV + (<usize>k << 2));
      a0 = madd(a0, x, v128.load(w));
      a1 = madd(a1, x, v128.load(w, 16));
      a2 = madd(a2, x, v128.load(w, 32));
      a3 = madd(a3, x, v128.load(w, 48));
    }
    v128.store(pZ + s, a0);
    v128.store(pZ + s, a1, 16);
    v128.store(pZ + s, a2, 32);
    v128.store(pZ + s, a3, 48);
  }
  const ub = <usize>cUP << 2;
  const hx = pV + (<usize>cF << 2);
  for (let jo: usize = 0; jo < ub; jo += 16) {
    const gi = sigmoidv(v128.load(pZ + jo));
    const gf = sigmoidv(v128.load(pZ + ub + jo));
    const gn = tanhv(v128.load(pZ + 2 * ub + jo));
    const go = sigmoidv(v128.load(pZ + 3 * ub + jo));
    const c = madd(f32x4.mul(gi, gn), gf, v128.load(pGates + 4 * ub + jo));
    const h = f32x4.mul(go, tanhv(c));
    v128.store(pGates + jo, gi);
    v128.store(pGates + ub + jo, gf);
    v128.store(pGates + 2 * ub + jo, gn);
    v128.store(pGates + 3 * ub + jo, go);
    v128.store(pGates + 4 * ub + jo, c);
    v128.store(pGates + 5 * ub + jo, h);
    // V's h part may be unaligned (F not a multiple of 4); wasm allows it.
    v128.store(hx + jo, h);
  }
}

/** The head on the current h: out = Bd + h Wd. */
export function cellHead(): void {
  const hb = <usize>cHP << 2;
  const hs = pGates + (<usize>(5 * cUP) << 2);
  for (let q: usize = 0; q < hb; q += 16) {
    let acc = v128.load(pBd + q);
    let w = pWd + q;
    for (let r = 0; r < cU; r++, w += hb) acc = madd(acc, v128.load32_splat(hs + (<usize>r << 2)), v128.load(w));
    v128.store(pOut + q, acc);
  }
}
