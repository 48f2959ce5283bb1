// The skill badge: the model's rolling error against the best plain baseline for the data
// (seasonal naive where there is a season, else naive) on live data, or its validation scores for a file.
// Callers: app.ts on every forecast from the worker.
import type { ModelInfo } from '../../../shared/model/types';
import type { SkillSnapshot } from '../../../shared/eval/live-skill';

import { byId, fmt } from './dom';

/** A file has no live data: show the engine's own validation scores (windows it did not fit on). */
export function renderValidationSkill(info: ModelInfo): void {
  const picked = info.scores.find((s) => s.method === info.method);
  // The better of the two baselines: the bar a model has to clear on this data.
  const bases = info.scores.filter((s) => s.method === 'naive' || (s.method === 'seasonal-naive' && info.period > 1));
  const base = bases.sort((a, b) => a.mae - b.mae)[0];
  if (!picked || !base || !(base.mae > 0)) return renderSkill(null);
  const baseline = base.method === 'seasonal-naive' ? 'seasonal-naive' : 'naive';
  renderSkill({ modelMae: picked.mae, baselineMae: base.mae, baseline, period: baseline === 'naive' ? 1 : info.period, ratio: picked.mae / base.mae, pairs: info.valWindows * info.horizon });
  byId('skill-detail').textContent = `Validation MAE ${fmt(picked.mae)} (${info.method}) vs ${baselineName(baseline, info.period)} ${fmt(base.mae)} on the last ${info.valWindows} windows of the file, which the model was not fitted on.`;
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
  detail.textContent = `MAE ${fmt(skill.modelMae)} vs ${baselineName(skill.baseline, skill.period)} ${fmt(skill.baselineMae)} over the last ${skill.pairs.toLocaleString('en-US')} forecast steps.`;
}
