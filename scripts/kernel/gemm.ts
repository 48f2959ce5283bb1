// Matrix products of the training kernel (AssemblyScript, plain wasm SIMD: no fused multiply-add).
// Row-major, strides in floats. The right-hand matrix of the per-step products is packed once per
// batch into 8-column panels ([k] rows of 8 contiguous floats per panel), so the inner loop reads
// one contiguous stream that stays in L1 while every block of 4 rows of A reads it. Called by
// forward.ts and backward.ts.
import { MC, oPA, oPB, oScratch } from './layout';
import { madd } from './simd-math';

/**
 * Packs B [k, n] into 8-column panels at dst (n a multiple of 4; a last half panel is zero-padded).
 * B[p, j] is src[p * rs + j * cs]: (rs, cs) = (ld, 1) for a row-major B, (1, ld) for a transposed one.
 * Rows or columns past the source's (kValid, nValid) are zero.
 */
export function packPanels(src: usize, rs: i32, cs: i32, k: i32, n: i32, kValid: i32, nValid: i32, dst: usize): void {
  const panels = (n + 7) >> 3;
  let d = dst;
  for (let q = 0; q < panels; q++) {
    for (let p = 0; p < k; p++) {
      for (let c = 0; c < 8; c++) {
        const j = (q << 3) + c;
        const v: f32 = p < kValid && j < nValid ? load<f32>(src + (<usize>(p * rs + j * cs) << 2)) : 0;
        store<f32>(d, v);
        d += 4;
      }
    }
  }
}

/** Copies rows 0..3 of A (k floats each, `sa` bytes apart) to dst as [k][4]: one 16-byte group per column. */
function packRows4(a: usize, sa: usize, k: i32, dst: usize): void {
  const k4 = k & ~3;
  let p = 0;
  for (; p < k4; p += 4) {
    const po = <usize>p << 2;
    const r0 = v128.load(a + po);
    const r1 = v128.load(a + sa + po);
    const r2 = v128.load(a + 2 * sa + po);
    const r3 = v128.load(a + 3 * sa + po);
    const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
    const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
    const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
    const d = dst + (po << 2);
    v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
    v128.store(d, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
    v128.store(d, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
    v128.store(d, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
  }
  for (; p < k; p++) {
    const po = <usize>p << 2;
    const d = dst + (po << 2);
    for (let r = 0; r < 4; r++) store<f32>(d + (<usize>r << 2), load<f32>(a + <usize>r * sa + po));
  }
}

/**
 * C[m, n] (+)= A[m, k] Bp, Bp packed by packPanels (n a multiple of 4). A's blocks of 4 rows are
 * packed first (at `pa`, [k][4] each), so the inner loop reads two contiguous streams: 4 rows x 8
 * columns of C in registers over k; panels outer, so a panel (k x 8) stays in L1 while every row
 * block reads it. `add`: accumulate into C, else overwrite it.
 */
export function gemmPanels(a: usize, lda: i32, bp: usize, c: usize, ldc: i32, m: i32, k: i32, n: i32, add: bool, pa: usize): void {
  const sa = <usize>lda << 2;
  const sc = <usize>ldc << 2;
  const zero = f32x4.splat(0);
  const m4 = m & ~3;
  const block = <usize>k << 4;
  for (let i = 0; i < m4; i += 4) packRows4(a + <usize>i * sa, sa, k, pa + <usize>(i >> 2) * block);
  for (let j = 0; j < n; j += 8) {
    const wide = j + 8 <= n;
    const jo = <usize>j << 2;
    const panel = bp + (<usize>(j * k) << 2);
    let ap = pa;
    for (let i = 0; i < m4; i += 4) {
      const c0 = c + <usize>i * sc + jo;
      const c1 = c0 + sc;
      const c2 = c1 + sc;
      const c3 = c2 + sc;
      tile4x8(ap, panel, k, c0, c1, c2, c3, wide, add);
      ap += block;
    }
    const end = <usize>k << 2;
    for (let i = m4; i < m; i++) {
      const a0 = a + <usize>i * sa;
      const c0 = c + <usize>i * sc + jo;
      let x0 = add ? v128.load(c0) : zero;
      let x1 = add && wide ? v128.load(c0, 16) : zero;
      let b = panel;
      for (let po: usize = 0; po < end; po += 4) {
        const s = v128.load32_splat(a0 + po);
        x0 = madd(x0, s, v128.load(b));
        x1 = madd(x1, s, v128.load(b, 16));
        b += 32;
      }
      v128.store(c0, x0);
      if (wide) v128.store(c0, x1, 16);
    }
  }
}

/**
 * C[k, n] += A[m, k]^T B[m, n]: the weight gradient summed over m rows (steps x batch). Chunks of MC
 * rows are packed first (A as 4-column panels, B as 8-column strips) so the inner loop reads L1.
 */
export function gemmTN(a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32): void {
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
        tile4x8(oPA + <usize>(i >> 2) * panel, oPB, mc, c0, c1, c2, c3, wide, true);
      }
    }
  }
}

/**
 * One 4 x 8 tile of C (+)= A B over `steps` values of k: A's 4 rows packed [k][4] at `ap`, B's 8
 * columns packed [k][8] at `bp`, the 8 accumulators in registers. `wide`: the tile's second 4
 * columns exist. `add`: accumulate into C, else overwrite it. The one micro-kernel of gemmPanels
 * and gemmTN: it loads, updates and stores its own tile, so its 8 accumulators stay in registers
 * whether or not the compiler inlines it, and a call costs little beside its k steps.
 */
function tile4x8(ap: usize, bp: usize, steps: i32, c0: usize, c1: usize, c2: usize, c3: usize, wide: bool, add: bool): void {
  const zero = f32x4.splat(0);
  let x00 = add ? v128.load(c0) : zero;
  let x10 = add ? v128.load(c1) : zero;
  let x20 = add ? v128.load(c2) : zero;
  let x30 = add ? v128.load(c3) : zero;
  let x01 = add && wide ? v128.load(c0, 16) : zero;
  let x11 = add && wide ? v128.load(c1, 16) : zero;
  let x21 = add && wide ? v128.load(c2, 16) : zero;
  let x31 = add && wide ? v128.load(c3, 16) : zero;
  for (let p = 0; p < steps; p++) {
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
  v128.store(c0, x00);
  v128.store(c1, x10);
  v128.store(c2, x20);
  v128.store(c3, x30);
  if (wide) {
    v128.store(c0, x01, 16);
    v128.store(c1, x11, 16);
    v128.store(c2, x21, 16);
    v128.store(c3, x31, 16);
  }
}
