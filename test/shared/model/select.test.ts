// The honest pick (shared/model/select.ts): scored on validation windows, the lowest MAE wins,
// the network on the same terms as the simpler methods.
import { describe, expect, it } from 'vitest';

import { createRandom, normal } from '../../../shared/model/random';
import { selectMethod, type Selection } from '../../../shared/model/select';
import type { ForecastMethod } from '../../../shared/model/types';
import { prefixSums, type EncodingSpec } from '../../../shared/series/encode';

const H = 4;
const METHODS: ForecastMethod[] = ['lstm', 'ensemble', 'linear', 'naive'];

/** A random walk; zero linear weights (the linear forecast is the last value); a network whose correction removes `share` of each validation error (negative: adds it). */
function pick(share: number): Promise<Selection> {
  const rand = createRandom(7);
  const z = new Float64Array(400);
  for (let i = 1; i < z.length; i++) z[i] = z[i - 1] + normal(rand);
  const enc: EncodingSpec = { horizon: H, period: 1, transform: 'none', targetScale: 1, levelMean: 0, levelStd: 1, context: { recent: 4, block: 1, blocks: 0 }, window: 8, covariateMean: [], covariateStd: [] };
  const ends: number[] = [];
  for (let end = 300; end + H <= z.length; end++) ends.push(end);
  const net = new Float32Array(ends.length * H);
  ends.forEach((end, i) => {
    for (let h = 0; h < H; h++) net[i * H + h] = share * (z[end + h] - z[end - 1]);
  });
  return selectMethod({ enc, linear: new Float32Array(4 * H), prefix: prefixSums(z), z, target: z, ends, net, methods: METHODS, allowed: METHODS, level: 0.9 });
}

const mae = (s: Selection, m: ForecastMethod): number => s.scores.find((x) => x.method === m)!.mae;

describe('the pick', () => {
  it('takes the network when its validation MAE is the lowest, by however little (no handicap)', async () => {
    const s = await pick(0.02);
    expect(mae(s, 'lstm') / mae(s, 'linear')).toBeCloseTo(0.98, 2);
    expect(s.method).toBe('lstm');
    expect(s.reason).toMatch(/^lstm: lowest validation MAE of lstm .*, ensemble .*, linear .*, naive .* \(97 windows\)$/);
  });

  it('keeps a simpler method when the network is worse on validation', async () => {
    const s = await pick(-0.02);
    expect(mae(s, 'lstm')).toBeGreaterThan(mae(s, 'linear'));
    expect(['linear', 'naive']).toContain(s.method);
    expect(s.reason).toMatch(/lowest validation MAE/);
  });

  it('gives every method its interval from its own validation residuals', async () => {
    const s = await pick(0.5);
    const width = (m: ForecastMethod): number => s.intervals[m]!.upper[H - 1] - s.intervals[m]!.lower[H - 1];
    expect(s.method).toBe('lstm');
    expect(width('lstm')).toBeLessThan(0.7 * width('linear'));
  });
});
