// Geometry of the alert overlay, pure: where a forecast line meets a threshold. Kept apart from
// chart/alert-overlay.ts (which draws with chart.js) so it is tested without a page.

export interface XY {
  x: number;
  y: number;
}

/** Where the line through `points` first goes past `value` (`op` '>' above, '<' below), interpolated; null if it does not. */
export function firstCrossing(points: readonly XY[], op: '>' | '<', value: number): XY | null {
  const past = (y: number) => (op === '>' ? y > value : y < value);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Number.isFinite(p.y) || !past(p.y)) continue;
    const q = i > 0 ? points[i - 1] : null;
    if (!q || !Number.isFinite(q.y) || q.y === p.y) return { x: p.x, y: value };
    const f = (value - q.y) / (p.y - q.y);
    return { x: q.x + f * (p.x - q.x), y: value };
  }
  return null;
}
