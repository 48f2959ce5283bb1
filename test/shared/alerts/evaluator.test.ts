import { describe, expect, it } from 'vitest';

import { AlertEvaluator, noiseHysteresis, type AlertEvent, type RuleForecast } from '../../../shared/alerts/evaluator';
import { parseRule } from '../../../shared/alerts/rules';
import { train } from '../../../shared/model';
import { createRandom } from '../../../shared/model/random';
import { backendReady } from '../model/helpers';

const SEC = 1000;

/** A forecast of H steps: `mean(h)` for step h (1-based), band +-width. */
function forecastOf(H: number, mean: (h: number) => number, width = 1): RuleForecast {
  const m = Array.from({ length: H }, (_, i) => mean(i + 1));
  return { mean: m, lower: m.map((x) => x - width), upper: m.map((x) => x + width) };
}

/** Episodes where `value` is above `threshold` (a crossing each): the first index of each. */
function crossings(values: number[], threshold: number, hysteresis: number): number[] {
  const out: number[] = [];
  let above = false;
  values.forEach((v, k) => {
    if (!above && v > threshold) {
      above = true;
      out.push(k);
    } else if (above && v <= threshold - hysteresis) above = false;
  });
  return out;
}

/** Checks one alert per crossing, each fired at least `minLead` samples before it. */
function expectForeseen(alerts: AlertEvent[], cross: number[], minLead: number): void {
  expect(alerts.length).toBe(cross.length);
  alerts.forEach((a, i) => {
    const k = a.time / SEC;
    expect(cross[i] - k, `crossing at ${cross[i]}, alert at ${k}`).toBeGreaterThanOrEqual(minLead);
    if (i > 0) expect(k).toBeGreaterThan(cross[i - 1]);
    expect(a.leadMs).toBeGreaterThanOrEqual(minLead * SEC);
    expect(a.forecastTime).toBe(a.time + a.leadMs!);
  });
}

describe('AlertEvaluator: threshold crossings', () => {
  it('fires once per crossing, about a horizon ahead, with a forecast that errs (sine + noise)', () => {
    const H = 20;
    const rand = createRandom(7);
    const truth = (k: number) => 20 + 12 * Math.sin((2 * Math.PI * k) / 200);
    const actual = Array.from({ length: 1000 }, (_, k) => truth(k) + 0.6 * (rand() - 0.5));
    const ev = new AlertEvaluator({ rules: [parseRule('temp > 30')], stepMs: SEC, hysteresis: 1.5, cooldownMs: 0 });
    const alerts: AlertEvent[] = [];
    actual.forEach((v, k) => {
      const err = rand() - 0.5;
      alerts.push(...ev.push(k * SEC, { temp: v }, { temp: forecastOf(H, (h) => truth(k + h) + err) }));
    });
    const cross = crossings(actual, 30, 1.5);
    expect(cross.length).toBe(5);
    expectForeseen(alerts, cross, H - 3);
    expect(alerts[0]).toMatchObject({ rule: 'temp > 30', kind: 'threshold', channel: 'temp' });
    expect(alerts[0].value).toBeLessThan(30);
    expect(alerts[0].forecastValue).toBeGreaterThan(30);
  });

  it('below a threshold: looks only `within` ahead, at most the horizon', () => {
    const rule = parseRule('temp < 5 within 5s');
    const ev = new AlertEvaluator({ rules: [rule], stepMs: SEC, cooldownMs: 0 });
    // The forecast drops below 5 at step 10: outside the 5 s lead.
    expect(ev.push(0, { temp: 10 }, { temp: forecastOf(20, (h) => 10 - (h >= 10 ? 6 : 0)) })).toEqual([]);
    const [alert] = ev.push(1 * SEC, { temp: 10 }, { temp: forecastOf(20, (h) => 10 - (h >= 4 ? 6 : 0)) });
    expect(alert).toMatchObject({ kind: 'threshold', value: 10, leadMs: 4 * SEC, forecastTime: 5 * SEC, forecastValue: 4 });
    expect(ev.leadSteps(rule as never, 3)).toBe(3);
  });

  it('an unforeseen crossing fires when it happens (lead 0), also without a forecast', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp > 30')], stepMs: SEC });
    expect(ev.push(0, { temp: 29 })).toEqual([]);
    expect(ev.push(SEC, { temp: 31 }, { temp: null })).toEqual([
      { rule: 'temp > 30', kind: 'threshold', channel: 'temp', time: SEC, value: 31, forecastTime: SEC, leadMs: 0, forecastValue: 31 },
    ]);
    expect(ev.push(2 * SEC, { temp: 32 })).toEqual([]);
  });

  it('hysteresis: a value wobbling about the threshold fires once; it fires again only after going back past it', () => {
    const rand = createRandom(3);
    const wobble = Array.from({ length: 200 }, () => 30 + 0.8 * (rand() - 0.5));
    const run = (hysteresis: number, values: number[]) => {
      const ev = new AlertEvaluator({ rules: [parseRule(`temp > 30 hysteresis ${hysteresis}`)], stepMs: SEC, cooldownMs: 0 });
      return values.flatMap((v, k) => ev.push(k * SEC, { temp: v }));
    };
    expect(run(0, wobble).length).toBeGreaterThan(20);
    expect(run(1, wobble).length).toBe(1);
    // Down to 29.5 is not back past 30 - 1; down to 28.9 is.
    expect(run(1, [...wobble, 29.5, 31, 28.9, 31]).length).toBe(2);
    // The rule's own hysteresis wins over the evaluator's default.
    const ev = new AlertEvaluator({ rules: [parseRule('temp > 30 hysteresis 0')], stepMs: SEC, hysteresis: 5, cooldownMs: 0 });
    expect([31, 29.9, 31].flatMap((v, k) => ev.push(k * SEC, { temp: v })).length).toBe(2);
  });

  it('a forecast that retracts does not re-arm before the crossing it announced', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp > 30')], stepMs: SEC, cooldownMs: 0 });
    const up = forecastOf(10, (h) => (h >= 5 ? 31 : 25));
    const down = forecastOf(10, () => 25);
    expect(ev.push(0, { temp: 25 }, { temp: up })).toHaveLength(1); // announces 5 s ahead
    expect(ev.push(1 * SEC, { temp: 25 }, { temp: down })).toEqual([]);
    expect(ev.push(2 * SEC, { temp: 25 }, { temp: up })).toEqual([]); // same crossing
    expect(ev.push(6 * SEC, { temp: 25 }, { temp: down })).toEqual([]); // re-armed: clear, past 5 s
    expect(ev.push(7 * SEC, { temp: 25 }, { temp: up })).toHaveLength(1); // a new one
  });

  it('cooldown: alerts of one rule are at least its minimum interval apart', () => {
    const values = Array.from({ length: 60 }, (_, k) => (k % 2 ? 31 : 29));
    const ev = new AlertEvaluator({ rules: [parseRule('temp > 30'), parseRule('temp > 30 cooldown 20s')], stepMs: SEC, cooldownMs: 10 * SEC });
    const alerts = values.flatMap((v, k) => ev.push(k * SEC, { temp: v }));
    const times = (rule: string) => alerts.filter((a) => a.rule === rule).map((a) => a.time / SEC);
    expect(times('temp > 30')).toEqual([1, 11, 21, 31, 41, 51]);
    expect(times('temp > 30 cooldown 20s')).toEqual([1, 21, 41]);
  });
});

describe('AlertEvaluator: anomalies', () => {
  const flat = forecastOf(5, () => 20, 1);

  it('fires after N consecutive samples outside the band forecast for them, once per run', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp anomaly 5')], stepMs: SEC, cooldownMs: 0 });
    const values = [20, 20.5, 19.2, 25, 25, 25, 25, 20, 25, 25, 25, 25, 25, 25, 25, 20, 14, 14, 14, 14, 14];
    const alerts = values.flatMap((v, k) => ev.push(k * SEC, { temp: v }, { temp: flat }));
    expect(alerts.map((a) => a.time / SEC)).toEqual([12, 20]);
    expect(alerts[0]).toMatchObject({ kind: 'anomaly', rule: 'temp anomaly 5', value: 25, forecastValue: 20, band: [19, 21] });
  });

  it('judges a sample by the previous forecast (made for it), and nothing across a gap', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp anomaly 2')], stepMs: SEC, cooldownMs: 0 });
    // The first sample has no band; then the forecast for each sample is its own value: in band.
    expect([20, 30, 40].flatMap((v, k) => ev.push(k * SEC, { temp: v }, { temp: forecastOf(5, () => v + 10, 0.5) }))).toEqual([]);
    ev.push(3 * SEC, { temp: 99 }, { temp: flat });
    ev.gap();
    expect(ev.push(4 * SEC, { temp: 99 }, { temp: flat })).toEqual([]); // no band across the gap
    expect(ev.push(5 * SEC, { temp: 99 }, { temp: flat })).toEqual([]); // run 1
    expect(ev.push(6 * SEC, { temp: 99 }, { temp: null })).toHaveLength(1); // run 2
  });


  it('a sample without the channel (another topic) leaves its band and run alone', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp anomaly 2')], stepMs: SEC, cooldownMs: 0 });
    ev.push(0, { temp: 20 }, { temp: flat });
    expect(ev.push(1 * SEC, { temp: 25 }, { temp: flat })).toEqual([]);
    expect(ev.push(1.5 * SEC, { hum: 40 })).toEqual([]);
    expect(ev.push(2 * SEC, { temp: 25 }, { temp: flat })).toHaveLength(1);
  });
});

describe('AlertEvaluator: silence', () => {
  it('fires once after T without a value of the channel, again after data came back', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp silent 30s')], stepMs: SEC, cooldownMs: 0 });
    for (let k = 0; k <= 10; k++) ev.push(k * SEC, { temp: k });
    expect(ev.tick(20 * SEC)).toEqual([]);
    // Other channels do not count as data for temp.
    expect(ev.push(30 * SEC, { hum: 40, temp: Number.NaN })).toEqual([]);
    expect(ev.tick(41 * SEC)).toEqual([{ rule: 'temp silent 30s', kind: 'silence', channel: 'temp', time: 41 * SEC, value: 10, silentMs: 31 * SEC }]);
    expect(ev.tick(50 * SEC)).toEqual([]);
    ev.push(60 * SEC, { temp: 3 });
    expect(ev.tick(89 * SEC)).toEqual([]);
    expect(ev.tick(90 * SEC)).toHaveLength(1);
  });

  it('counts from the first tick when no data ever came', () => {
    const ev = new AlertEvaluator({ rules: [parseRule('temp silent 5s')], stepMs: SEC });
    expect(ev.tick(100 * SEC)).toEqual([]);
    expect(ev.tick(105 * SEC)).toEqual([expect.objectContaining({ value: null, silentMs: 5 * SEC })]);
  });
});

describe('noiseHysteresis', () => {
  it('is twice the median step change', () => {
    expect(noiseHysteresis([1, 2, 4, 5, Number.NaN, 6])).toBe(2);
    expect(noiseHysteresis([1])).toBe(0);
  });
});

describe('AlertEvaluator with the engine: a trained model foresees the crossings', () => {
  it('fires at least one step (about a horizon) before each actual crossing, never twice for one', async () => {
    await backendReady;
    const rand = createRandom(11);
    const n = 1200;
    const period = 60;
    const H = 10;
    const values = Array.from({ length: n }, (_, k) => 20 + 12 * Math.sin((2 * Math.PI * k) / period) + 0.3 * (rand() - 0.5));
    const trainRows = 810; // the live part starts at 20, going down
    const model = await train(
      { table: { time: Float64Array.from({ length: trainRows }, (_, k) => k * SEC), intervalMs: SEC, channels: [{ name: 'temp', values: Float64Array.from(values.slice(0, trainRows)) }] }, target: 'temp' },
      { horizon: H, budgetMs: 3000 },
    );
    try {
      const stream = model.stream();
      for (let k = 0; k < trainRows; k++) stream.push([values[k]]);
      const ev = new AlertEvaluator({ rules: [parseRule('temp > 30')], stepMs: SEC, hysteresis: noiseHysteresis(values.slice(0, trainRows)), cooldownMs: 0 });
      const alerts: AlertEvent[] = [];
      const live = values.slice(trainRows);
      live.forEach((v, i) => {
        const result = stream.push([v]);
        alerts.push(...ev.push((trainRows + i) * SEC, { temp: v }, { temp: result }));
      });
      const cross = crossings(live, 30, 1).map((k) => k + trainRows);
      expect(cross.length).toBeGreaterThanOrEqual(6);
      expectForeseen(alerts, cross, 1);
      // About a horizon ahead, not just one step.
      for (const a of alerts) expect(a.leadMs).toBeGreaterThanOrEqual((H - 3) * SEC);
    } finally {
      model.dispose();
    }
  });
});
