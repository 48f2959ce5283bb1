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
    expect(snap.naiveMae).toBe(2.5);
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
    expect(s.snapshot()).toMatchObject({ pairs: 1, modelMae: 0, naiveMae: 1 });
  });
});
