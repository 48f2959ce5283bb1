// An alert in words for people: the banner, the alert log and the OS notification say the same.
// Pure; callers: ui/alert-panel.ts, ui/alert-banner.ts.
import type { AlertEvent } from '../../../shared/alerts/evaluator';
import { formatSpan } from '../../../shared/series/time-span';

/** About 4 significant digits, as the page shows numbers (ui/dom.ts fmt, without the DOM). */
function num(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/** What happened, after the rule: "forecast 30.2 in 12 s (now 28.4)". */
export function alertDetail(a: AlertEvent, unit = ''): string {
  const u = (v: number) => `${num(v)}${unit ? ` ${unit}` : ''}`;
  if (a.kind === 'threshold') {
    if (a.leadMs && a.forecastValue !== undefined) return `forecast ${u(a.forecastValue)} in ${formatSpan(a.leadMs, 1)}${a.value === null ? '' : ` (now ${u(a.value)})`}`;
    return `crossed now${a.value === null ? '' : `: ${u(a.value)}`} (not foreseen)`;
  }
  if (a.kind === 'anomaly') return `${a.value === null ? 'the value' : u(a.value)} is outside the forecast band ${a.band ? `${num(a.band[0])} to ${num(a.band[1])}` : ''}`.trim();
  return `no data for ${formatSpan(a.silentMs ?? 0, 1)}${a.value === null ? '' : ` (last ${u(a.value)})`}`;
}

/** The rule and what happened, on one line. */
export function alertText(a: AlertEvent, unit = ''): string {
  return `${a.rule}: ${alertDetail(a, unit)}`;
}

/** The time an alert fired, as the log shows it (local time, seconds). */
export function alertClock(time: number): string {
  return new Date(time).toLocaleTimeString('en-GB', { hour12: false });
}
