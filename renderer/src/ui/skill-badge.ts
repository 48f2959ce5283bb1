// The skill badge: the model's rolling error against the naive forecast on live data.
// Callers: app.ts on every forecast from the worker.
import type { SkillSnapshot } from '../worker/skill';

import { byId, fmt } from './dom';

export function renderSkill(skill: SkillSnapshot | null): void {
  const badge = byId('skill-badge');
  const value = byId('skill-value');
  const label = byId('skill-label');
  const detail = byId('skill-detail');
  if (!skill || skill.pairs === 0 || !Number.isFinite(skill.ratio)) {
    badge.dataset.verdict = 'none';
    value.textContent = '–';
    label.textContent = skill ? 'Waiting for forecasts to come true…' : 'No forecasts scored yet';
    return;
  }
  const pct = Math.round((1 - skill.ratio) * 100);
  badge.dataset.verdict = skill.ratio < 0.95 ? 'better' : skill.ratio > 1.05 ? 'worse' : 'even';
  value.textContent = `${skill.ratio.toFixed(2)}×`;
  label.textContent = pct >= 0 ? `${pct}% less error than naive` : `${-pct}% more error than naive`;
  detail.textContent = `MAE ${fmt(skill.modelMae)} vs naive ${fmt(skill.naiveMae)} over the last ${skill.pairs.toLocaleString('en-US')} forecast steps.`;
}
