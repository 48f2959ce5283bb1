// The last model of each live source, pure: which source is on (its kind and label, e.g.
// "serial:/dev/ttyACM0 @ 115200"), the name a trained model is kept under for it, and the bounded
// map in the settings. Callers: session/forecast-controller.ts.
import { safeName } from '../ui/names';

/** Sources remembered; the oldest entry goes first. */
const MAX_SOURCES = 100;

/** The key of a live source, or null when none is on. */
export function sourceKey(status: { kind: string | null; label: string }): string | null {
  return status.kind ? `${status.kind}:${status.label}` : null;
}

/** A model name for the source `key`: readable, unique per key (a hash of it), and safe on disk. */
export function lastModelName(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  const hash = h.toString(16).padStart(8, '0');
  return `last-${safeName(key.replace(/^[^:]*:/, '')).replace(/ /g, '_').slice(0, 45)}-${hash}`;
}

/** `map` with `name` as the last model of `key`, the newest last, at most 100 sources. */
export function rememberModel(map: Readonly<Record<string, string>>, key: string, name: string): Record<string, string> {
  const entries = Object.entries(map).filter(([k]) => k !== key);
  entries.push([key, name]);
  return Object.fromEntries(entries.slice(-MAX_SOURCES));
}
