// Training stage, last step: the honest pick. Scores the LSTM, the mean of the LSTM and its
// baseline (ensemble), seasonal naive and naive on the validation windows (never on test data), in
// the user's units, picks the lowest MAE and derives per-step prediction intervals from each
// method's validation residuals. Called by train.ts.
import * as tf from '@tensorflow/tfjs';

import { baseForecast, decodeOutput, fromModelSpace, type EncodingSpec } from '../series/encode';
import type { WindowArrays } from '../series/windows';

import type { NetworkShape } from './network';
import { residualIntervals, type IntervalSpec } from './spec';
import type { ForecastMethod, MethodScore } from './types';

export interface Selection {
  method: ForecastMethod;
  scores: MethodScore[];
  reason: string;
  intervals: Record<ForecastMethod, IntervalSpec>;
}

const ALL: ForecastMethod[] = ['lstm', 'ensemble', 'seasonal-naive', 'naive'];

export function selectMethod(
  model: tf.LayersModel,
  shape: NetworkShape,
  enc: EncodingSpec,
  z: Float64Array,
  target: Float64Array,
  val: WindowArrays,
  ends: number[],
  allowed: ForecastMethod[],
  level: number,
): Selection {
  const H = enc.horizon;
  const net = tf.tidy(() => {
    const x = tf.tensor3d(val.x, [val.count, shape.window, shape.features]);
    return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  });
  const residuals: Record<ForecastMethod, number[][]> = { lstm: [], ensemble: [], 'seasonal-naive': [], naive: [] };
  const abs: Record<ForecastMethod, number[]> = { lstm: [0, 0], ensemble: [0, 0], 'seasonal-naive': [0, 0], naive: [0, 0] };
  let n = 0;
  ends.forEach((end, i) => {
    const base = baseForecast(enc, z, end);
    const lstm = decodeOutput(enc, base, net.subarray(i * H, (i + 1) * H));
    const f: Record<ForecastMethod, number[]> = {
      lstm,
      ensemble: lstm.map((v, h) => (v + base[h]) / 2),
      'seasonal-naive': baseForecast({ ...enc, base: 'seasonal-naive' }, z, end),
      naive: baseForecast({ ...enc, base: 'naive' }, z, end),
    };
    for (const m of ALL) {
      const res: number[] = [];
      for (let h = 0; h < H; h++) {
        res.push(z[end + h] - f[m][h]);
        const e = target[end + h] - fromModelSpace(f[m][h], enc.transform);
        abs[m][0] += Math.abs(e);
        abs[m][1] += e * e;
      }
      residuals[m].push(res);
    }
    n += H;
  });
  const scores: MethodScore[] = ALL.map((m) => ({ method: m, mae: abs[m][0] / n, rmse: Math.sqrt(abs[m][1] / n) })).sort((a, b) => a.mae - b.mae);
  // Without a season, seasonal naive is naive: offer it once, under its plain name.
  const candidates = enc.period <= 1 && allowed.includes('naive') ? allowed.filter((m) => m !== 'seasonal-naive') : allowed;
  const pick = scores.find((s) => candidates.includes(s.method)) ?? scores[0];
  const fmt = (s: MethodScore): string => `${s.method} ${s.mae.toPrecision(4)}`;
  const reason = `${pick.method}: lowest validation MAE of ${scores.filter((s) => candidates.includes(s.method)).map(fmt).join(', ')} (${ends.length} windows)`;
  const intervals = Object.fromEntries(ALL.map((m) => [m, residualIntervals(residuals[m], H, level)])) as Record<ForecastMethod, IntervalSpec>;
  return { method: pick.method, scores, reason, intervals };
}
