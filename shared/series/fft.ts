// Data preparation helper: an in-place radix-2 FFT and the lag products it makes cheap
// (sum of x[t] * x[t + k] for every lag k in O(n log n) instead of O(n^2)). Called by
// shared/series/season.ts for season detection on long series. Plain TypeScript, no dependency:
// ~60 lines were simpler than vetting a library that must run in every process.

/** Smallest power of two >= n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place complex FFT of (re, im), whose length must be a power of two. `inverse` computes the
 * unscaled inverse (divide by the length yourself).
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) throw new Error(`fft: length ${n} is not a power of two`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const angle = (sign * 2 * Math.PI) / size;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      // Twiddle by recurrence within a block: error grows ~ log n * eps, ample for lag sums.
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = start + k;
        const b = a + half;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

/**
 * Lag products c[k] = sum over t of x[t] * x[t + k], for k = 0..maxLag (maxLag < x.length), via
 * the Wiener-Khinchin theorem on a zero-padded copy (so there is no circular wrap-around).
 */
export function lagProducts(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  const size = nextPow2(n + maxLag + 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = x[i];
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fft(re, im, true);
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) out[k] = re[k] / size;
  return out;
}
