// Horizons as people type them (shared/series/time-span.ts): steps or a time span, converted
// with the data's interval, and the "600 steps = next 10 min" the CLI and the page show.
import { describe, expect, it } from 'vitest';

import { describeHorizon, horizonSteps } from '../../../shared/series/time-span';

describe('horizon in steps or time', () => {
  it('takes steps as they are and converts spans with the interval', () => {
    expect(horizonSteps('600', null)).toEqual({ steps: 600 });
    expect(horizonSteps('10min', 1000)).toEqual({ steps: 600 });
    expect(horizonSteps('2d', 3_600_000)).toEqual({ steps: 48 });
    expect(horizonSteps(' 1.5 h ', 60_000)).toEqual({ steps: 90 });
  });

  it('explains what it cannot convert', () => {
    expect(horizonSteps('0', 1000)).toMatchObject({ error: expect.stringMatching(/at least 1 step/) });
    expect(horizonSteps('soon', 1000)).toMatchObject({ error: expect.stringMatching(/steps or a time span/) });
    expect(horizonSteps('1h', null)).toMatchObject({ error: expect.stringMatching(/no clock/), hint: expect.stringMatching(/in steps/) });
    expect(horizonSteps('10s', 60_000)).toMatchObject({ error: expect.stringMatching(/shorter than one step of 1 min data/) });
  });

  it('describes a horizon in both units', () => {
    expect(describeHorizon(600, 1000)).toBe('600 steps = next 10 min');
    expect(describeHorizon(1440, 60_000)).toBe('1,440 steps = next 1 d');
    expect(describeHorizon(1, 100)).toBe('1 step = next 100 ms');
    expect(describeHorizon(12, null)).toBe('12 steps');
  });
});
