// The skill badge: the model's rolling error against the naive forecast on live data.
// Callers: app.ts on every forecast from the worker.
import type { ModelInfo } from '../../../shared/model/types';
import type { SkillSnapshot } from '../../../shared/eval/live-skill';

import { byId, fmt } from './dom';

/** A file has no live data: show the engine's own validation scores (windows it did not fit on). */
export function renderValidationSkill(info: ModelInfo): void {
  const picked = info.scores.find((s) => s.method === info.method);
  const naive = info.scores.find((s) => s.method === 'naive');
  if (!picked || !naive || !(naive.mae > 0)) return renderSkill(null);
  renderSkill({ modelMae: picked.mae, naiveMae: naive.mae, ratio: picked.mae / naive.mae, pairs: info.valWindows * info.horizon });
  byId('skill-detail').textContent = `Validation MAE ${fmt(picked.mae)} (${info.method}) vs naive ${fmt(naive.mae)} on the last ${info.valWindows} windows of the file, which the weights were not fitted on.`;
}

export function renderSkill(skill: SkillSnapshot | null): void {
  const badge = byId('skill-badge');
  const value = byId('skill-value');
  const label = byId('skill-label');
  const detail = byId('skill-detail');
  if (!skill || skill.pairs === 0 || !Number.isFinite(skill.ratio)) {
    badge.dataset.verdict = 'none';
    value.textContent = '–';
    label.textContent = skill ? 'Waiting for forecasts to come true…' : 'No forecasts scored yet';
    detail.textContent = 'Rolling mean absolute error of the model against the naive forecast (last value), on live data as it arrives.';
    return;
  }
  const pct = Math.round((1 - skill.ratio) * 100);
  badge.dataset.verdict = skill.ratio < 0.95 ? 'better' : skill.ratio > 1.05 ? 'worse' : 'even';
  value.textContent = `${skill.ratio.toFixed(2)}×`;
  label.textContent = pct >= 0 ? `${pct}% less error than naive` : `${-pct}% more error than naive`;
  detail.textContent = `MAE ${fmt(skill.modelMae)} vs naive ${fmt(skill.naiveMae)} over the last ${skill.pairs.toLocaleString('en-US')} forecast steps.`;
}
