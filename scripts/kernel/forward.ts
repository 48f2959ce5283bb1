// The training kernel's forward pass and loss (AssemblyScript): per step, the input projection
// and the recurrent product into Z_t, then the gates, c and h in place; the dense head on h_T
// (and, with the highway, the flattened window). Part of the module built from lstm.ts.
import { gemmPanels, packPanels } from './gemm';
import { F, G, H, HW, oB, oBd, oC, oDPred, oHS, oPR, oPred, oTC, oWd, oWh, oWhP, oWx, oX, oY, oZ, T, U } from './layout';
import { madd, sigmoids, sigmoidv, tanhs, tanhv } from './simd-math';

/** Z_t = bias + x_t Wx for the n windows' step t. */
function inputProjection(t: i32, n: i32): void {
  const gb = <usize>G << 2;
  for (let b = 0; b < n; b++) {
    const zr = oZ + <usize>(t * n + b) * gb;
    const xr = oX + (<usize>((b * T + t) * F) << 2);
    for (let jo: usize = 0; jo < gb; jo += 16) {
      let acc = v128.load(oB + jo);
      for (let k = 0; k < F; k++) acc = madd(acc, v128.load32_splat(xr + (<usize>k << 2)), v128.load(oWx + <usize>k * gb + jo));
      v128.store(zr + jo, acc);
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
  packPanels(oWh, G, 1, U, G, U, G, oWhP);
  const zs = <usize>(n * G) << 2;
  const hs = <usize>(n * U) << 2;
  for (let t = 0; t < T; t++) {
    inputProjection(t, n);
    if (t > 0) gemmPanels(oHS + <usize>(t - 1) * hs, U, oWhP, oZ + <usize>t * zs, G, n, U, G, true, oPR);
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
