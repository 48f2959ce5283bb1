// The exported PNG's title, pure: the channel and its unit, where the data came from, the time
// span in view (in the chart's own clock, as precise as the data's step), the model's method and
// horizon and its skill as the badge shows it. Drawn by ui/export-png.ts; called by ui/export-panel.ts.
import { format } from 'date-fns';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface PngTitleInput {
  /** The target channel, null when none is chosen. */
  channel: string | null;
  unit?: string;
  /** The file's name or the live source's label; null for none. */
  source: string | null;
  /** The x range in view: times (ms) on a time axis, row numbers otherwise; null before any data. */
  range: { min: number; max: number } | null;
  time: boolean;
  /** The data's step (ms), for the span's precision; null when unknown. */
  intervalMs: number | null;
  /** The model on hand; null for none. */
  model: { method: string; horizon: number } | null;
  /** The skill badge's value and words (`0.77×`, `23% less error than seasonal naive`); null when it has no score. */
  skill: { value: string; label: string } | null;
}

/** The date-fns pattern for a span of data `stepMs` apart. */
function spanPattern(stepMs: number | null): string {
  if (stepMs === null) return 'd MMM yyyy HH:mm';
  if (stepMs >= 28 * DAY) return 'MMM yyyy';
  if (stepMs >= DAY) return 'd MMM yyyy';
  if (stepMs >= MINUTE) return 'd MMM yyyy HH:mm';
  return 'd MMM yyyy HH:mm:ss';
}

/** The span in view: `1 Mar 2024 00:00 – 4 Mar 2024 23:00`, `rows 1 – 500`, or null. */
export function spanText(range: PngTitleInput['range'], time: boolean, intervalMs: number | null): string | null {
  if (!range || !Number.isFinite(range.min) || !Number.isFinite(range.max)) return null;
  if (!time) return `rows ${Math.round(range.min).toLocaleString('en-US')} – ${Math.round(range.max).toLocaleString('en-US')}`;
  const pattern = spanPattern(intervalMs);
  return `${format(range.min, pattern)} – ${format(range.max, pattern)}`;
}

/** Two lines: the heading (channel, unit, source) and the details (span, model, skill). */
export function pngTitle(input: PngTitleInput): { heading: string; details: string } {
  const channel = input.channel ?? 'No channel chosen';
  const heading = `${channel}${input.unit ? ` (${input.unit})` : ''}${input.source ? ` · ${input.source}` : ''}`;
  const parts: string[] = [];
  const span = spanText(input.range, input.time, input.intervalMs);
  if (span) parts.push(span);
  if (input.model) {
    parts.push(`model: ${input.model.method}, ${input.model.horizon} step${input.model.horizon === 1 ? '' : 's'} ahead`);
    parts.push(input.skill ? `skill ${input.skill.value} (${input.skill.label})` : 'skill: not scored yet');
  } else parts.push('no model');
  return { heading, details: parts.join(' · ') };
}
