// What the page says about saved models, pure: a short label for the list, the details of one
// (target, channels and units, seasons, horizon, date), a fresh name for a new model (or one
// loaded from a file), and why a model does not fit the data on screen.
// Callers: ui/model-panel.ts, ui/model-file.ts.
import type { ModelEntry } from '../../../shared/api/contract';
import { describeHorizon } from '../../../shared/series/time-span';

import { defaultModelName } from './names';

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** "temp-h12 · temp, 12 ahead · 2026-11-30". */
export function modelLabel(m: ModelEntry): string {
  const what = m.target !== undefined ? ` · ${m.target}${m.horizon !== undefined ? `, ${m.horizon} ahead` : ''}` : '';
  return `${m.name}${what} · ${day(m.savedAt)}`;
}

/** Everything the list knows of a model, in one or two sentences. */
export function modelDetails(m: ModelEntry): string {
  const saved = `saved ${new Date(m.savedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (m.target === undefined || !m.channels) return `${m.name}: ${saved}; not a model this version describes (it is checked when loaded).`;
  const unit = (c: { unit?: string }) => (c.unit ? ` (${c.unit})` : '');
  const target = m.channels.find((c) => c.name === m.target);
  const inputs = m.channels.filter((c) => c.name !== m.target);
  const covs = inputs.length ? `, from ${inputs.map((c) => `${c.name}${unit(c)}`).join(', ')}` : '';
  const seasons = m.seasons?.length ? m.seasons.map((s) => `${s.label} (${s.period} rows)`).join(', ') : 'no season';
  const horizon = m.horizon !== undefined ? `; horizon ${describeHorizon(m.horizon, m.intervalMs ?? null)}` : '';
  return `Forecasts ${m.target}${target ? unit(target) : ''}${covs}; ${seasons}${horizon}; ${saved}.`;
}

/** A name no saved model has: "temp-h12", else "temp-h12-2", "temp-h12-3", … */
export function freshModelName(target: string, horizon: number, taken: readonly string[]): string {
  return uniqueName(defaultModelName(target, horizon), taken);
}

/** `base`, else `base-2`, `base-3`, …: the first no saved model has, kept to 64 characters (main's limit on names). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let k = 2; ; k++) {
    const name = `${base.slice(0, 64 - String(k).length - 1)}-${k}`;
    if (!names.has(name)) return name;
  }
}

/** Why `model` cannot forecast the data on screen (null when it can, or when there are no channels yet to check). */
export function modelMisfit(model: Pick<ModelEntry, 'name' | 'target' | 'channels'>, view: { channels: readonly string[]; target: string | null; name: string }): { message: string; hint: string } | null {
  if (model.target === undefined || !model.channels || view.channels.length === 0) return null;
  const missing = model.channels.map((c) => c.name).filter((n) => !view.channels.includes(n));
  if (missing.length) {
    return {
      message: `Model "${model.name}" needs ${missing.join(', ')}, which ${view.name} does not have; the current model stays.`,
      hint: `Open data with ${model.channels.map((c) => c.name).join(', ')}, or train a model on this data.`,
    };
  }
  if (model.target !== view.target) {
    return {
      message: `Model "${model.name}" forecasts ${model.target}, but the target is ${view.target ?? 'none'}; the current model stays.`,
      hint: `Choose ${model.target} as the target in the channel list, then load it again.`,
    };
  }
  return null;
}
