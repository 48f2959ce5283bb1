// The LSTM training kernel, in AssemblyScript: compiled to WebAssembly with SIMD by
// scripts/build-kernel.mjs into shared/kernel/lstm-wasm.generated.ts, driven by
// shared/kernel/trainer.ts. Not part of the TypeScript project (it uses AssemblyScript's types).
//
// The network is the engine's (shared/model/network.ts): tfjs-layout LSTM (kernel [F,4U],
// recurrent [U,4U], bias [4U]; gates i, f, c, o; sigmoid gates, tanh candidate; zero state) over
// T steps, then a dense head reading h_T and, with the highway, the flattened window.
//
// Memory (byte addresses fixed by setup()): parameters, gradients, Adam moments (one block each,
// same layout, so Adam is one loop), the batch (x [n,T,F], y [n,H]), and the forward state kept
// for backpropagation through time, time-major: Z [T,n,4U] (pre-activations, then gate
// activations, then gate gradients, all in place), C, TC = tanh(C), HS [T,n,U].
// Nothing allocates after setup: every buffer is sized for the largest batch.
// The SIMD math is in simd-math.ts; the streaming cell (cell.ts) is compiled into the same module.

import { madd, sigmoids, sigmoidv, tanhs, tanhv } from './simd-math';

export { cellSetup, cellWeightsPtr, cellBiasPtr, cellHeadPtr, cellHeadBiasPtr, cellInputPtr, cellGatesPtr, cellOutPtr, cellReset, cellStep, cellHead } from './cell';

let T: i32 = 0;
let F: i32 = 0;
let U: i32 = 0;
let H: i32 = 0;
let R: i32 = 0;
let G: i32 = 0;
let HW: bool = false;
let NP: i32 = 0;
/** U rounded up to a multiple of 4: the row stride of DH and of the transposed recurrent kernel. */
let UP: i32 = 0;
/** Rows per chunk of the packed weight-gradient product. */
const MC: i32 = 256;

let oWx: usize = 0;
let oWh: usize = 0;
let oB: usize = 0;
let oWd: usize = 0;
let oBd: usize = 0;
let oG: usize = 0;
let oM: usize = 0;
let oV: usize = 0;
let oX: usize = 0;
let oY: usize = 0;
let oPred: usize = 0;
let oDPred: usize = 0;
let oZ: usize = 0;
let oC: usize = 0;
let oTC: usize = 0;
let oHS: usize = 0;
let oDH: usize = 0;
let oDC: usize = 0;
let oWhT: usize = 0;
let oPA: usize = 0;
let oPB: usize = 0;
let oScratch: usize = 0;

function align16(p: usize): usize {
  return (p + 15) & ~(<usize>15);
}

function bytes(count: i32): usize {
  return align16(<usize>count << 2);
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
  oWhT = oDC + bytes(maxBatch * U);
  oPA = oWhT + bytes(G * UP);
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

// ---- matrix products (row-major, strides in floats); n (columns) a multiple of 4 in gemmNN/TN ----

/**
 * C[m,n] += A[m,k] B[k,n]: 4 rows x 8 columns of C held in registers over k; column strips outer,
 * so a strip of B (k x 8) stays in L1 while every row block reads it.
 */
function gemmNN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  const sa = <usize>lda << 2;
  const sb = <usize>ldb << 2;
  const sc = <usize>ldc << 2;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const jo = <usize>j << 2;
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a0 = a + <usize>i * sa;
      const a1 = a0 + sa;
      const a2 = a1 + sa;
      const a3 = a2 + sa;
      const c0 = c + <usize>i * sc + jo;
      const c1 = c0 + sc;
      const c2 = c1 + sc;
      const c3 = c2 + sc;
      let x00 = v128.load(c0);
      let x01 = v128.load(c0, 16);
      let x10 = v128.load(c1);
      let x11 = v128.load(c1, 16);
      let x20 = v128.load(c2);
      let x21 = v128.load(c2, 16);
      let x30 = v128.load(c3);
      let x31 = v128.load(c3, 16);
      let bp = b + jo;
      const end = <usize>k << 2;
      for (let po: usize = 0; po < end; po += 4) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let s = v128.load32_splat(a0 + po);
        x00 = madd(x00, s, b0);
        x01 = madd(x01, s, b1);
        s = v128.load32_splat(a1 + po);
        x10 = madd(x10, s, b0);
        x11 = madd(x11, s, b1);
        s = v128.load32_splat(a2 + po);
        x20 = madd(x20, s, b0);
        x21 = madd(x21, s, b1);
        s = v128.load32_splat(a3 + po);
        x30 = madd(x30, s, b0);
        x31 = madd(x31, s, b1);
        bp += sb;
      }
      v128.store(c0, x00);
      v128.store(c0, x01, 16);
      v128.store(c1, x10);
      v128.store(c1, x11, 16);
      v128.store(c2, x20);
      v128.store(c2, x21, 16);
      v128.store(c3, x30);
      v128.store(c3, x31, 16);
    }
    for (; i < m; i++) {
      const a0 = a + <usize>i * sa;
      const c0 = c + <usize>i * sc + jo;
      let x0 = v128.load(c0);
      let x1 = v128.load(c0, 16);
      let bp = b + jo;
      for (let p = 0; p < k; p++) {
        const s = v128.load32_splat(a0 + (<usize>p << 2));
        x0 = madd(x0, s, v128.load(bp));
        x1 = madd(x1, s, v128.load(bp, 16));
        bp += sb;
      }
      v128.store(c0, x0);
      v128.store(c0, x1, 16);
    }
  }
  for (; j < n; j += 4) {
    const jo = <usize>j << 2;
    for (let i = 0; i < m; i++) {
      const a0 = a + <usize>i * sa;
      const c0 = c + <usize>i * sc + jo;
      let x0 = v128.load(c0);
      let bp = b + jo;
      for (let p = 0; p < k; p++) {
        x0 = madd(x0, v128.load32_splat(a0 + (<usize>p << 2)), v128.load(bp));
        bp += sb;
      }
      v128.store(c0, x0);
    }
  }
}

/**
 * C[k,n] += A[m,k]^T B[m,n]: the weight gradient summed over m rows (steps x batch). Chunks of MC
 * rows are packed first (A as 4-column panels, B as 8-column strips) so the inner loop reads L1.
 */
function gemmTN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  const sa = <usize>lda << 2;
  const sb = <usize>ldb << 2;
  const sc = <usize>ldc << 2;
  const k4 = (k + 3) & ~3;
  for (let p0 = 0; p0 < m; p0 += MC) {
    const mc = min(MC, m - p0);
    const panel = <usize>mc << 4;
    for (let p = 0; p < mc; p++) {
      const ar = a + <usize>(p0 + p) * sa;
      for (let i = 0; i < k4; i++) {
        const v: f32 = i < k ? load<f32>(ar + (<usize>i << 2)) : 0;
        store<f32>(oPA + <usize>(i >> 2) * panel + (<usize>p << 4) + (<usize>(i & 3) << 2), v);
      }
    }
    for (let j = 0; j < n; j += 8) {
      const jo = <usize>j << 2;
      const wide = j + 8 <= n;
      for (let p = 0; p < mc; p++) {
        const br = b + <usize>(p0 + p) * sb + jo;
        v128.store(oPB + (<usize>p << 5), v128.load(br));
        v128.store(oPB + (<usize>p << 5), wide ? v128.load(br, 16) : f32x4.splat(0), 16);
      }
      for (let i = 0; i < k4; i += 4) {
        const c0 = i < k ? c + <usize>i * sc + jo : oScratch;
        const c1 = i + 1 < k ? c + <usize>(i + 1) * sc + jo : oScratch;
        const c2 = i + 2 < k ? c + <usize>(i + 2) * sc + jo : oScratch;
        const c3 = i + 3 < k ? c + <usize>(i + 3) * sc + jo : oScratch;
        let x00 = f32x4.splat(0);
        let x01 = f32x4.splat(0);
        let x10 = f32x4.splat(0);
        let x11 = f32x4.splat(0);
        let x20 = f32x4.splat(0);
        let x21 = f32x4.splat(0);
        let x30 = f32x4.splat(0);
        let x31 = f32x4.splat(0);
        let ap = oPA + <usize>(i >> 2) * panel;
        let bp = oPB;
        for (let p = 0; p < mc; p++) {
          const b0 = v128.load(bp);
          const b1 = v128.load(bp, 16);
          let s = v128.load32_splat(ap);
          x00 = madd(x00, s, b0);
          x01 = madd(x01, s, b1);
          s = v128.load32_splat(ap, 4);
          x10 = madd(x10, s, b0);
          x11 = madd(x11, s, b1);
          s = v128.load32_splat(ap, 8);
          x20 = madd(x20, s, b0);
          x21 = madd(x21, s, b1);
          s = v128.load32_splat(ap, 12);
          x30 = madd(x30, s, b0);
          x31 = madd(x31, s, b1);
          ap += 16;
          bp += 32;
        }
        v128.store(c0, f32x4.add(v128.load(c0), x00));
        v128.store(c1, f32x4.add(v128.load(c1), x10));
        v128.store(c2, f32x4.add(v128.load(c2), x20));
        v128.store(c3, f32x4.add(v128.load(c3), x30));
        if (wide) {
          v128.store(c0, f32x4.add(v128.load(c0, 16), x01), 16);
          v128.store(c1, f32x4.add(v128.load(c1, 16), x11), 16);
          v128.store(c2, f32x4.add(v128.load(c2, 16), x21), 16);
          v128.store(c3, f32x4.add(v128.load(c3, 16), x31), 16);
        }
      }
    }
  }
}

// ---- forward ----

/** Z_t = bias + x_t Wx for every step (the input projection), time-major. */
function inputProjection(n: i32): void {
  const gb = <usize>G << 2;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < n; b++) {
      const zr = oZ + <usize>(t * n + b) * gb;
      const xr = oX + (<usize>((b * T + t) * F) << 2);
      for (let jo: usize = 0; jo < gb; jo += 16) {
        let acc = v128.load(oB + jo);
        for (let k = 0; k < F; k++) acc = madd(acc, f32x4.splat(load<f32>(xr + (<usize>k << 2))), v128.load(oWx + <usize>k * gb + jo));
        v128.store(zr + jo, acc);
      }
    }
  }
}

/** Gate activations in place in Z_t; c, tanh(c) and h of step t. */
function cellForward(t: i32, n: i32): void {
  const ub = <usize>U << 2;
  const u4 = U & ~3;
  for (let b = 0; b < n; b++) {
    const row = <usize>(t * n + b);
    const zi = oZ + row * (ub << 2);
    const zf = zi + ub;
    const zn = zf + ub;
    const zo = zn + ub;
    const cr = oC + row * ub;
    const tr = oTC + row * ub;
    const hr = oHS + row * ub;
    const pr = cr - <usize>n * ub;
    let j = 0;
    for (; j < u4; j += 4) {
      const jo = <usize>j << 2;
      const gi = sigmoidv(v128.load(zi + jo));
      const gf = sigmoidv(v128.load(zf + jo));
      const gn = tanhv(v128.load(zn + jo));
      const go = sigmoidv(v128.load(zo + jo));
      v128.store(zi + jo, gi);
      v128.store(zf + jo, gf);
      v128.store(zn + jo, gn);
      v128.store(zo + jo, go);
      let c = f32x4.mul(gi, gn);
      if (t > 0) c = f32x4.add(f32x4.mul(gf, v128.load(pr + jo)), c);
      const tc = tanhv(c);
      v128.store(cr + jo, c);
      v128.store(tr + jo, tc);
      v128.store(hr + jo, f32x4.mul(go, tc));
    }
    for (; j < U; j++) {
      const jo = <usize>j << 2;
      const gi = sigmoids(load<f32>(zi + jo));
      const gf = sigmoids(load<f32>(zf + jo));
      const gn = tanhs(load<f32>(zn + jo));
      const go = sigmoids(load<f32>(zo + jo));
      store<f32>(zi + jo, gi);
      store<f32>(zf + jo, gf);
      store<f32>(zn + jo, gn);
      store<f32>(zo + jo, go);
      let c = gi * gn;
      if (t > 0) c = gf * load<f32>(pr + jo) + c;
      const tc = tanhs(c);
      store<f32>(cr + jo, c);
      store<f32>(tr + jo, tc);
      store<f32>(hr + jo, go * tc);
    }
  }
}

function head(n: i32): void {
  const tf = T * F;
  for (let b = 0; b < n; b++) {
    const pr = oPred + (<usize>(b * H) << 2);
    memory.copy(pr, oBd, <usize>H << 2);
    const hr = oHS + (<usize>(((T - 1) * n + b) * U) << 2);
    for (let r = 0; r < U; r++) {
      const v = load<f32>(hr + (<usize>r << 2));
      const wr = oWd + (<usize>(r * H) << 2);
      for (let h = 0; h < H; h++) {
        const ho = <usize>h << 2;
        store<f32>(pr + ho, load<f32>(pr + ho) + v * load<f32>(wr + ho));
      }
    }
    if (!HW) continue;
    const xr = oX + (<usize>(b * tf) << 2);
    for (let r = 0; r < tf; r++) {
      const v = load<f32>(xr + (<usize>r << 2));
      const wr = oWd + (<usize>((U + r) * H) << 2);
      for (let h = 0; h < H; h++) {
        const ho = <usize>h << 2;
        store<f32>(pr + ho, load<f32>(pr + ho) + v * load<f32>(wr + ho));
      }
    }
  }
}

/** Runs n windows from x (at xPtr) to the forecasts (at predPtr), keeping the state for backward. */
export function forward(n: i32): void {
  inputProjection(n);
  const zs = <usize>(n * G) << 2;
  const hs = <usize>(n * U) << 2;
  for (let t = 0; t < T; t++) {
    if (t > 0) gemmNN(oHS + <usize>(t - 1) * hs, U, oWh, G, oZ + <usize>t * zs, G, n, U, G);
    cellForward(t, n);
  }
  head(n);
}

/**
 * The batch loss (mean over n*H; MAE or MSE) of the last forward, and its gradient with respect
 * to the forecasts, as tfjs computes it (the gradient of |d| at d = 0 is -1, tfjs's Abs).
 */
export function loss(n: i32, mse: bool): f64 {
  const count = n * H;
  const scale: f32 = <f32>1.0 / <f32>count;
  let sum: f64 = 0;
  for (let e = 0; e < count; e++) {
    const eo = <usize>e << 2;
    const d = load<f32>(oPred + eo) - load<f32>(oY + eo);
    if (mse) {
      sum += <f64>(d * d);
      store<f32>(oDPred + eo, <f32>2.0 * d * scale);
    } else {
      sum += <f64>Mathf.abs(d);
      store<f32>(oDPred + eo, d > 0 ? scale : -scale);
    }
  }
  return sum / <f64>count;
}

// ---- backward ----

/** Head gradients and dh of the last step (into DH). */
function headBackward(n: i32): void {
  const tf = T * F;
  const gWd = oG + (oWd - oWx);
  const gBd = oG + (oBd - oWx);
  for (let b = 0; b < n; b++) {
    const dp = oDPred + (<usize>(b * H) << 2);
    const hr = oHS + (<usize>(((T - 1) * n + b) * U) << 2);
    const dh = oDH + (<usize>(b * UP) << 2);
    for (let r = 0; r < U; r++) {
      const v = load<f32>(hr + (<usize>r << 2));
      const wo = <usize>(r * H) << 2;
      let s: f32 = 0;
      for (let h = 0; h < H; h++) {
        const ho = <usize>h << 2;
        const g = load<f32>(dp + ho);
        store<f32>(gWd + wo + ho, load<f32>(gWd + wo + ho) + v * g);
        s += g * load<f32>(oWd + wo + ho);
      }
      store<f32>(dh + (<usize>r << 2), s);
    }
    for (let h = 0; h < H; h++) {
      const ho = <usize>h << 2;
      store<f32>(gBd + ho, load<f32>(gBd + ho) + load<f32>(dp + ho));
    }
    if (!HW) continue;
    const xr = oX + (<usize>(b * tf) << 2);
    for (let r = 0; r < tf; r++) {
      const v = load<f32>(xr + (<usize>r << 2));
      const wo = <usize>((U + r) * H) << 2;
      for (let h = 0; h < H; h++) {
        const ho = <usize>h << 2;
        store<f32>(gWd + wo + ho, load<f32>(gWd + wo + ho) + v * load<f32>(dp + ho));
      }
    }
  }
}

/** Step t backward: gate gradients in place of the activations in Z_t, dc carried in DC. */
function cellBackward(t: i32, n: i32): void {
  const ub = <usize>U << 2;
  const u4 = U & ~3;
  const one = f32x4.splat(1.0);
  for (let b = 0; b < n; b++) {
    const row = <usize>(t * n + b);
    const zi = oZ + row * (ub << 2);
    const zf = zi + ub;
    const zn = zf + ub;
    const zo = zn + ub;
    const tr = oTC + row * ub;
    const pr = oC + row * ub - <usize>n * ub;
    const dhr = oDH + (<usize>(b * UP) << 2);
    const dcr = oDC + <usize>b * ub;
    let j = 0;
    for (; j < u4; j += 4) {
      const jo = <usize>j << 2;
      const gi = v128.load(zi + jo);
      const gf = v128.load(zf + jo);
      const gn = v128.load(zn + jo);
      const go = v128.load(zo + jo);
      const tc = v128.load(tr + jo);
      const dh = v128.load(dhr + jo);
      const dc = f32x4.add(v128.load(dcr + jo), f32x4.mul(f32x4.mul(dh, go), f32x4.sub(one, f32x4.mul(tc, tc))));
      const cp = t > 0 ? v128.load(pr + jo) : f32x4.splat(0);
      v128.store(dcr + jo, f32x4.mul(dc, gf));
      v128.store(zi + jo, f32x4.mul(f32x4.mul(dc, gn), f32x4.mul(gi, f32x4.sub(one, gi))));
      v128.store(zf + jo, f32x4.mul(f32x4.mul(dc, cp), f32x4.mul(gf, f32x4.sub(one, gf))));
      v128.store(zn + jo, f32x4.mul(f32x4.mul(dc, gi), f32x4.sub(one, f32x4.mul(gn, gn))));
      v128.store(zo + jo, f32x4.mul(f32x4.mul(dh, tc), f32x4.mul(go, f32x4.sub(one, go))));
    }
    for (; j < U; j++) {
      const jo = <usize>j << 2;
      const gi = load<f32>(zi + jo);
      const gf = load<f32>(zf + jo);
      const gn = load<f32>(zn + jo);
      const go = load<f32>(zo + jo);
      const tc = load<f32>(tr + jo);
      const dh = load<f32>(dhr + jo);
      const dc = load<f32>(dcr + jo) + dh * go * (<f32>1.0 - tc * tc);
      const cp: f32 = t > 0 ? load<f32>(pr + jo) : 0;
      store<f32>(dcr + jo, dc * gf);
      store<f32>(zi + jo, dc * gn * (gi * (<f32>1.0 - gi)));
      store<f32>(zf + jo, dc * cp * (gf * (<f32>1.0 - gf)));
      store<f32>(zn + jo, dc * gi * (<f32>1.0 - gn * gn));
      store<f32>(zo + jo, dh * tc * (go * (<f32>1.0 - go)));
    }
  }
}

/** Input kernel and bias gradients from the gate gradients of every step. */
function inputBackward(n: i32): void {
  const gb = <usize>G << 2;
  const gWx = oG;
  const gB = oG + (oB - oWx);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < n; b++) {
      const zr = oZ + <usize>(t * n + b) * gb;
      const xr = oX + (<usize>((b * T + t) * F) << 2);
      for (let jo: usize = 0; jo < gb; jo += 16) {
        const dz = v128.load(zr + jo);
        v128.store(gB + jo, f32x4.add(v128.load(gB + jo), dz));
        for (let k = 0; k < F; k++) {
          const p = gWx + <usize>k * gb + jo;
          v128.store(p, madd(v128.load(p), f32x4.splat(load<f32>(xr + (<usize>k << 2))), dz));
        }
      }
    }
  }
}

/** Gradients of the last loss() with respect to every parameter, into the gradient block. */
export function backward(n: i32): void {
  memory.fill(oG, 0, <usize>NP << 2);
  memory.fill(oDC, 0, <usize>(n * U) << 2);
  headBackward(n);
  const zs = <usize>(n * G) << 2;
  // Wh^T [G, UP] (zero-padded columns), so dh = dZ_t Wh^T is the same product as the forward's.
  for (let k = 0; k < U; k++) {
    for (let j = 0; j < G; j++) store<f32>(oWhT + (<usize>(j * UP + k) << 2), load<f32>(oWh + (<usize>(k * G + j) << 2)));
  }
  for (let t = T - 1; t >= 0; t--) {
    cellBackward(t, n);
    if (t === 0) break;
    // dh of step t-1 = dZ_t Wh^T
    memory.fill(oDH, 0, <usize>(n * UP) << 2);
    gemmNN(oZ + <usize>t * zs, G, oWhT, UP, oDH, UP, n, G, UP);
  }
  // dWh = sum over steps t >= 1 of h_{t-1}^T dZ_t: one product over the (T-1) n rows.
  if (T > 1) gemmTN(oHS, U, oZ + zs, G, oG + (oWh - oWx), G, (T - 1) * n, U, G);
  inputBackward(n);
}

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
