// The training kernel's shapes and memory layout (AssemblyScript): setup() fixes every buffer's
// byte address for the shapes and the largest batch; the other kernel files read these globals.
// Nothing allocates after setup. Part of the module built from lstm.ts.
//
// Blocks, in order: parameters, gradients, Adam's two moments (one layout, so Adam is one loop);
// the batch (x [n,T,F], y [n,H]), forecasts and their gradient; the forward state kept for
// backpropagation through time, time-major: Z [T,n,4U] (pre-activations, then gate activations,
// then gate gradients, in place), C, TC = tanh(C), HS [T,n,U]; dh and dc of one step; the
// recurrent kernel packed in 8-column panels for the products (gemm.ts) and their scratch.

export let T: i32 = 0;
export let F: i32 = 0;
export let U: i32 = 0;
export let H: i32 = 0;
/** Gate columns, 4U. */
export let G: i32 = 0;
/** Head rows: U, plus T*F with the highway. */
export let R: i32 = 0;
export let HW: bool = false;
/** Parameter count, rounded up to 4. */
export let NP: i32 = 0;
/** U rounded up to a multiple of 4: the row stride of DH. */
export let UP: i32 = 0;
/** Rows per chunk of the weight-gradient product. */
export const MC: i32 = 256;

export let oWx: usize = 0;
export let oWh: usize = 0;
export let oB: usize = 0;
export let oWd: usize = 0;
export let oBd: usize = 0;
export let oG: usize = 0;
export let oM: usize = 0;
export let oV: usize = 0;
export let oX: usize = 0;
export let oY: usize = 0;
export let oPred: usize = 0;
export let oDPred: usize = 0;
export let oZ: usize = 0;
export let oC: usize = 0;
export let oTC: usize = 0;
export let oHS: usize = 0;
export let oDH: usize = 0;
export let oDC: usize = 0;
/** Wh as [U, G] in 8-column panels (forward: Z_t += h_{t-1} Wh). */
export let oWhP: usize = 0;
/** Wh^T as [G, UP] in 8-column panels (backward: dh_{t-1} = dZ_t Wh^T). */
export let oWhTP: usize = 0;
/** A of a per-step product in blocks of 4 rows ([n/4][k][4], k up to 4U). */
export let oPR: usize = 0;
export let oPA: usize = 0;
export let oPB: usize = 0;
export let oScratch: usize = 0;

function align16(p: usize): usize {
  return (p + 15) & ~(<usize>15);
}

function bytes(count: i32): usize {
  return align16(<usize>count << 2);
}

/** Floats of a [k, n] matrix packed in 8-column panels (the last one zero-padded). */
export function panelFloats(k: i32, n: i32): i32 {
  return ((n + 7) >> 3) * k * 8;
}

/** Lays out every buffer from `base` for these shapes; returns the first byte past them (the caller grows the memory). */
export function setup(t: i32, f: i32, u: i32, h: i32, highway: bool, maxBatch: i32, base: usize): usize {
  T = t;
  F = f;
  U = u;
  H = h;
  HW = highway;
  G = 4 * u;
  R = highway ? u + t * f : u;
  NP = (F * G + U * G + G + R * H + H + 3) & ~3;
  UP = (u + 3) & ~3;
  oWx = align16(base);
  oWh = oWx + (<usize>(F * G) << 2);
  oB = oWh + (<usize>(U * G) << 2);
  oWd = oB + (<usize>G << 2);
  oBd = oWd + (<usize>(R * H) << 2);
  oG = oWx + bytes(NP);
  oM = oG + bytes(NP);
  oV = oM + bytes(NP);
  oX = oV + bytes(NP);
  oY = oX + bytes(maxBatch * T * F);
  oPred = oY + bytes(maxBatch * H);
  oDPred = oPred + bytes(maxBatch * H);
  oZ = oDPred + bytes(maxBatch * H);
  oC = oZ + bytes(T * maxBatch * G);
  oTC = oC + bytes(T * maxBatch * U);
  oHS = oTC + bytes(T * maxBatch * U);
  oDH = oHS + bytes(T * maxBatch * U);
  oDC = oDH + bytes(maxBatch * UP);
  oWhP = oDC + bytes(maxBatch * U);
  oWhTP = oWhP + bytes(panelFloats(U, G));
  oPR = oWhTP + bytes(panelFloats(G, UP));
  oPA = oPR + bytes(maxBatch * G);
  oPB = oPA + bytes(MC * UP);
  oScratch = oPB + bytes(MC * 8);
  return oScratch + 64;
}

export function paramsPtr(): usize {
  return oWx;
}
export function gradsPtr(): usize {
  return oG;
}
export function paramCount(): i32 {
  return NP;
}
export function xPtr(): usize {
  return oX;
}
export function yPtr(): usize {
  return oY;
}
export function predPtr(): usize {
  return oPred;
}

/** Zeroes the Adam moments (a new run from the current weights). */
export function resetAdam(): void {
  memory.fill(oM, 0, oX - oM);
}
