// Data preparation helper: time spans as people type and read them ("90s", "10 min", "1d").
// Used by shared/series/season.ts (`--period 1d,7d`, season labels such as "60 s"), the CLI's
// and the page's horizon (`--horizon 1h`, "next 10 min = 600 steps"); pure, so any process may use it.

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365.25 * 86_400_000,
};

/** A span such as "90s", "1.5 h", "7d" in milliseconds; null when the text is not a span. */
export function parseSpanMs(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)$/i.exec(text.trim());
  if (!m) return null;
  const unit = UNITS[m[2].toLowerCase()];
  const value = Number(m[1]);
  return unit !== undefined && value > 0 ? value * unit : null;
}

/**
 * A span for people, at most 3 significant digits, in the largest unit that makes at least
 * `minUnits` of it: "60 s", "90 min", "24 h", "7 d", "10.9 y" with the default 2 (cycle lengths read
 * best that way); "1 min", "1 h" with 1 (sample intervals).
 */
export function formatSpan(ms: number, minUnits = 2): string {
  const pick: [number, string][] = [
    [UNITS.y, 'y'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of pick) if (ms >= minUnits * size) return `${Number((ms / size).toPrecision(3))} ${unit}`;
  return `${Number(ms.toPrecision(3))} ms`;
}

/** An integer with thousands separators, the same in every locale: 10080 -> "10,080". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A horizon typed as steps ("600") or a time span ("10min") in steps of `intervalMs`; or why not. */
export function horizonSteps(text: string, intervalMs: number | null): { steps: number } | { error: string; hint?: string } {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const steps = Number(t);
    return steps >= 1 ? { steps } : { error: `the horizon must be at least 1 step, got ${t}` };
  }
  const ms = parseSpanMs(t);
  if (ms === null) return { error: `the horizon must be a number of steps or a time span (1h, 2d, 90s), got "${text}"` };
  if (!intervalMs || !(intervalMs > 0)) return { error: `the horizon ${t} is a time span, but the data have no clock to convert it to steps`, hint: 'give the horizon in steps, e.g. 24' };
  const steps = Math.round(ms / intervalMs);
  if (steps < 1) return { error: `the horizon ${t} is shorter than one step of ${formatSpan(intervalMs, 1)} data`, hint: `give at least ${formatSpan(intervalMs, 1)}` };
  return { steps };
}

/** "600 steps = next 10 min" (or "12 steps" without a clock). */
export function describeHorizon(steps: number, intervalMs: number | null): string {
  const count = `${formatCount(steps)} step${steps === 1 ? '' : 's'}`;
  return intervalMs && intervalMs > 0 ? `${count} = next ${formatSpan(steps * intervalMs, 1)}` : count;
}
