// The live skill badge's arithmetic: the model's rolling MAE against naive on the same origins.
import { describe, expect, it } from 'vitest';

import { SkillTracker } from '../../../shared/eval/live-skill';

describe('SkillTracker', () => {
  it('scores each forecast step when its value arrives, against the origin value (naive)', () => {
    const s = new SkillTracker();
    s.observe(10);
    s.addForecast(10, [11, 12]); // made at value 10
    s.observe(11); // step 1: model error 0, naive error 1
    s.observe(14); // step 2: model error 2, naive error 4
    const snap = s.snapshot();
    expect(snap.pairs).toBe(2);
    expect(snap.modelMae).toBe(1);
    expect(snap.baselineMae).toBe(2.5);
    expect(snap).toMatchObject({ baseline: 'naive', period: 1 });
    expect(snap.ratio).toBeCloseTo(0.4);
  });

  it('skips missing values and keeps a rolling window', () => {
    const s = new SkillTracker(3);
    for (let i = 0; i < 10; i++) {
      s.observe(i);
      s.addForecast(i, [i + 1]);
    }
    s.observe(Number.NaN);
    expect(s.snapshot().pairs).toBe(3);
    expect(s.snapshot().modelMae).toBe(0);
  });

  it('scores only values after clearScores (replayed history is not counted)', () => {
    const s = new SkillTracker();
    s.observe(1);
    s.addForecast(1, [5]);
    s.observe(2);
    s.addForecast(2, [3]);
    s.clearScores();
    expect(Number.isNaN(s.snapshot().ratio)).toBe(true);
    s.observe(3); // the pending forecast made at 2 comes true
    expect(s.snapshot()).toMatchObject({ pairs: 1, modelMae: 0, baselineMae: 1 });
  });

  it('compares seasonal data with seasonal naive, not with the last value', () => {
    // A clean cycle of 4: seasonal naive is perfect, naive is not; a model that forecasts the last
    // value scores 1x against naive but far worse against the right baseline.
    const s = new SkillTracker();
    s.setPeriod(4);
    const cycle = [0, 10, 20, 10];
    for (let i = 0; i < 40; i++) {
      const v = cycle[i % 4];
      s.observe(v);
      s.addForecast(v, [v, v, v, v, v, v]);
    }
    const snap = s.snapshot();
    expect(snap).toMatchObject({ baseline: 'seasonal-naive', period: 4 });
    expect(snap.baselineMae).toBe(0);
    expect(snap.modelMae).toBeGreaterThan(5);
    // The baseline is exact and the model is not: infinitely worse, not "no score".
    expect(snap.ratio).toBe(Number.POSITIVE_INFINITY);
    // A forecast one cycle ahead: the baseline steps wrap around the season.
    const t = new SkillTracker();
    t.setPeriod(3);
    [1, 2, 3].forEach((v) => t.observe(v));
    t.addForecast(3, [1, 2, 3, 1]);
    [1, 2, 3, 1].forEach((v) => t.observe(v));
    expect(t.snapshot()).toMatchObject({ pairs: 4, modelMae: 0, baselineMae: 0 });
  });

  it('scores nothing across a gap: forecasts made before it are dropped, scores so far kept', () => {
    const s = new SkillTracker();
    s.observe(1);
    s.addForecast(1, [2]);
    s.observe(2); // scored: model 0, naive 1
    s.addForecast(2, [3, 4]);
    s.gap();
    s.observe(100); // after the gap: the forecast made at 2 is not scored against it
    expect(s.snapshot()).toMatchObject({ pairs: 1, modelMae: 0, baselineMae: 1 });
  });
});
