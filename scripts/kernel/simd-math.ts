// Elementwise math on f32x4 for the kernel (lstm.ts, cell.ts): exp by range reduction (Cephes
// expf, about 1e-7 relative), sigmoid, tanh, multiply-add. AssemblyScript, not TypeScript.

export function expv(x0: v128): v128 {
  // pmax/pmin are one instruction each on x64 (min/max take about seven: NaN and -0 rules); a NaN
  // x0, their first operand, passes through.
  const x = f32x4.pmin(f32x4.pmax(x0, f32x4.splat(-87.0)), f32x4.splat(88.0));
  // n = round(x / ln 2) by adding 1.5 * 2^23: n's integer bits land in the mantissa (no float-to-int conversion).
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.442695041)), f32x4.splat(12582912.0));
  const n = f32x4.sub(shifted, f32x4.splat(12582912.0));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1.0));
  // 2^n: the low bits of `shifted` are n + 2^22 (two's complement); add the exponent bias 127 - 2^22.
  const e = i32x4.shl(i32x4.add(shifted, i32x4.splat(127 - 4194304)), 23);
  return f32x4.mul(p, e);
}

export function sigmoidv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), expv(f32x4.neg(x))));
}

export function tanhv(x: v128): v128 {
  const s = sigmoidv(f32x4.add(x, x));
  return f32x4.sub(f32x4.add(s, s), f32x4.splat(1.0));
}

export function sigmoids(x: f32): f32 {
  return f32x4.extract_lane(sigmoidv(f32x4.splat(x)), 0);
}

export function tanhs(x: f32): f32 {
  return f32x4.extract_lane(tanhv(f32x4.splat(x)), 0);
}

export function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}
