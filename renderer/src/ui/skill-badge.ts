// The skill badge: the model's rolling error against the best plain baseline for the data
// (seasonal naive where there is a season, else naive), scored only on values after the model's
// training data (live data as it arrives, or a file's rows after them); where there are none (a
// file the model was trained on), its validation scores, saying on which data.
// Callers: session/forecast-controller.ts on every forecast from the worker.
import type { ModelInfo } from '../../../shared/model/types';
import type { SkillSnapshot } from '../../../shared/eval/live-skill';

import { byId, fmt } from './dom';

/**
 * No forecast on the data in view comes after the model's training data: show the engine's own
 * validation scores (windows it did not fit on). `trainedHere`: the model was trained on the data
 * in view (its validation windows are this data's last ones), else on other data.
 */
export function renderValidationSkill(info: ModelInfo, trainedHere: boolean): void {
  const picked = info.scores.find((s) => s.method === info.method);
  // The better of the two baselines: the bar a model has to clear on this data.
  const bases = info.scores.filter((s) => s.method === 'naive' || (s.method === 'seasonal-naive' && info.period > 1));
  const base = bases.sort((a, b) => a.mae - b.mae)[0];
  if (!picked || !base || !(base.mae > 0)) return renderSkill(null);
  const baseline = base.method === 'seasonal-naive' ? 'seasonal-naive' : 'naive';
  renderSkill({ modelMae: picked.mae, baselineMae: base.mae, baseline, period: baseline === 'naive' ? 1 : info.period, ratio: picked.mae / base.mae, pairs: info.valWindows * info.horizon });
  const scores = `Validation MAE ${fmt(picked.mae)} (${info.method}) vs ${baselineName(baseline, info.period)} ${fmt(base.mae)}`;
  byId('skill-detail').textContent = trainedHere
    ? `${scores} on the last ${info.valWindows} windows of this data, which the model was not fitted on. The past forecasts drawn before them are on rows it was trained on.`
    : `No forecast here comes after the model's training data, so this is its own validation: ${scores} on the last ${info.valWindows} windows of the data it was trained on.`;
}

/** "seasonal naive (24 rows)" or "naive (last value)". */
function baselineName(baseline: 'seasonal-naive' | 'naive', period: number): string {
  return baseline === 'seasonal-naive' ? `seasonal naive (${period} rows)` : 'naive (last value)';
}

export function renderSkill(skill: SkillSnapshot | null): void {
  const badge = byId('skill-badge');
  const value = byId('skill-value');
  const label = byId('skill-label');
  const detail = byId('skill-detail');
  if (!skill || skill.pairs === 0 || Number.isNaN(skill.ratio)) {
    badge.dataset.verdict = 'none';
    value.textContent = '–';
    label.textContent = skill ? 'Waiting for forecasts to come true…' : 'No forecasts scored yet';
    detail.textContent = 'Rolling mean absolute error of the model against the best plain baseline (seasonal naive where there is a season, else the last value), on live data as it arrives.';
    return;
  }
  const pct = Math.round((1 - skill.ratio) * 100);
  badge.dataset.verdict = skill.ratio < 0.95 ? 'better' : skill.ratio > 1.05 ? 'worse' : 'even';
  const short = skill.baseline === 'seasonal-naive' ? 'seasonal naive' : 'naive';
  const exact = skill.ratio === Number.POSITIVE_INFINITY;
  value.textContent = exact ? '∞×' : `${skill.ratio.toFixed(2)}×`;
  // A perfectly periodic signal: repeating the last season is exact, and any model error is "infinitely" worse.
  label.textContent = exact ? `${short} is exact on this signal` : pct >= 0 ? `${pct}% less error than ${short}` : `${-pct}% more error than ${short}`;
  detail.textContent = `MAE ${fmt(skill.modelMae)} vs ${baselineName(skill.baseline, skill.period)} ${fmt(skill.baselineMae)} over the last ${skill.pairs.toLocaleString('en-US')} forecast steps, all on values after the model's training data.`;
}
