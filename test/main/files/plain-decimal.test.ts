// The fast path for plain decimal numbers (main/files/plain-decimal.ts): equal to Number() where it
// answers, and declining everything else.
import { describe, expect, it } from 'vitest';

import { parsePlainDecimal } from '../../../main/files/plain-decimal';

describe('parsePlainDecimal (the fast path for numbers)', () => {
  it('equals Number() on plain decimals, and declines everything else', () => {
    const cases = ['0', '-0', '12', '-12.345', '+5', '.5', '1.', '0.1', '0.3', '123456789012345', '9.99999999999999', '0.00000000000001', '1709294400000'];
    for (const c of cases) expect(Object.is(parsePlainDecimal(c), Number(c)), c).toBe(true);
    for (let i = 0; i < 2000; i++) {
      const s = (Math.random() * 10 ** Math.floor(Math.random() * 10)).toFixed(Math.floor(Math.random() * 6));
      expect(parsePlainDecimal(s), s).toBe(Number(s));
    }
    for (const c of ['', '-', '.', '1e5', ' 1', '1 ', '1.2.3', 'abc', '1234567890123456', '12,5']) expect(parsePlainDecimal(c), c).toBeUndefined();
    expect(parsePlainDecimal('12,5', 44)).toBe(12.5);
  });
});
