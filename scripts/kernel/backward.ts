// The training kernel's backward pass through time (AssemblyScript): head gradients, then per
// step (last to first) the gate gradients in place of the activations in Z_t, the input kernel's
// and bias's gradients while Z_t is in cache, and dh_{t-1} = dZ_t Wh^T; finally the recurrent
// kernel's gradient as one product over all steps. Part of the module built from lstm.ts.
import { gemmPanels, gemmTN, packPanels } from './gemm';
import { F, G, H, HW, NP, oB, oBd, oC, oDC, oDH, oDPred, oG, oHS, oPR, oTC, oWd, oWh, oWhTP, oWx, oX, oZ, T, U, UP } from './layout';
import { madd } from './simd-math';

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

/** Input kernel and bias gradients from the gate gradients of step t (while Z_t is in cache). */
function inputBackward(t: i32, n: i32): void {
  const gb = <usize>G << 2;
  const gWx = oG;
  const gB = oG + (oB - oWx);
  for (let b = 0; b < n; b++) {
    const zr = oZ + <usize>(t * n + b) * gb;
    const xr = oX + (<usize>((b * T + t) * F) << 2);
    for (let jo: usize = 0; jo < gb; jo += 16) {
      const dz = v128.load(zr + jo);
      v128.store(gB + jo, f32x4.add(v128.load(gB + jo), dz));
      for (let k = 0; k < F; k++) {
        const p = gWx + <usize>k * gb + jo;
        v128.store(p, madd(v128.load(p), v128.load32_splat(xr + (<usize>k << 2)), dz));
      }
    }
  }
}

/** Gradients of the last loss() with respect to every parameter, into the gradient block. */
export function backward(n: i32): void {
  memory.fill(oG, 0, <usize>NP << 2);
  memory.fill(oDC, 0, <usize>(n * U) << 2);
  headBackward(n);
  // Wh^T [G, UP] packed (zero columns past U), so dh = dZ_t Wh^T is a panel product like the forward's.
  packPanels(oWh, 1, G, G, UP, G, U, oWhTP);
  const zs = <usize>(n * G) << 2;
  for (let t = T - 1; t >= 0; t--) {
    cellBackward(t, n);
    inputBackward(t, n);
    // dh of step t-1 = dZ_t Wh^T
    if (t > 0) gemmPanels(oZ + <usize>t * zs, G, oWhTP, oDH, UP, n, G, UP, false, oPR);
  }
  // dWh = sum over steps t >= 1 of h_{t-1}^T dZ_t: one product over the (T-1) n rows.
  if (T > 1) gemmTN(oHS, U, oZ + zs, G, oG + (oWh - oWx), G, (T - 1) * n, U, G);
}
