// Stale channels, pure: a live channel that has sent no value for a while is greyed in the list
// and on the chart, with how long it has been quiet. Callers: app.ts.

/** A channel with no value for this long is stale. */
export const STALE_AFTER_MS = 30_000;

/** The channels whose latest value is older than `afterMs` at time `now` (ms). */
export function staleChannels(latestAt: ReadonlyMap<string, number>, names: readonly string[], now: number, afterMs = STALE_AFTER_MS): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const at = latestAt.get(name);
    if (at !== undefined && now - at >= afterMs) out.add(name);
  }
  return out;
}

/** "no data for 30 s", "no data for 5 min", "no data for 2 h". */
export function staleText(quietMs: number): string {
  const s = Math.floor(quietMs / 1000);
  if (s < 120) return `no data for ${s} s`;
  if (s < 7200) return `no data for ${Math.floor(s / 60)} min`;
  return `no data for ${Math.floor(s / 3600)} h`;
}
