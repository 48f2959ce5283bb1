// File import helper: the fast path for reading plain decimal numbers, the bulk of every CSV.
// Called by sniff.ts (values) and time-format.ts (epoch times).

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Fast path for plain decimals (`-12.345`, at most 15 digits): the integer digits divided by a
 * power of ten. Both are exact doubles, so the one division is correctly rounded and the result
 * equals Number(s). Returns undefined for anything else (exponents, spaces, text), which then
 * goes through Number().
 */
export function parsePlainDecimal(s: string, point = 46 /* . */): number | undefined {
  const n = s.length;
  let i = 0;
  let negative = false;
  let c = s.charCodeAt(0);
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i = 1;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === point && scale < 0) {
      scale = digits;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const decimals = scale < 0 ? 0 : digits - scale;
  const v = decimals === 0 ? mantissa : mantissa / POW10[decimals];
  return negative ? -v : v;
}
