// Names the page makes up for files and models, pure: safe as a file or folder name on every
// system (and as a model name for main's schema). Callers: ui/export-panel.ts, ui/model-panel.ts,
// ui/model-list.ts.
import { readableName } from './export-name';

/** Letters, digits, space, `_ . -` only, no leading dot or space, at most 64 characters. */
export function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9 _.-]/g, '_').replace(/^[.\s]+/, '').slice(0, 64);
  return s || 'sensorcast';
}

/** The name offered for a new model: its target, cleaned as export names are, and horizon ("Temperatur °C" -> "Temperatur-C-h12"). */
export function defaultModelName(target: string, horizon: number): string {
  const suffix = `-h${horizon}`;
  return `${readableName(target, 64 - suffix.length) || 'model'}${suffix}`;
}
