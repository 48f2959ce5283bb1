// Gap mapping, pure: the rows of a live batch that start after a gap. A gap is a time (ms); the
// row it breaks before is the first whose time is at or after it. Callers: live/series-store.ts.

/** Indices into `t` of the rows that follow a gap (a gap after the batch's last row maps to none). */
export function gapRows(t: readonly number[], gaps: readonly number[]): Set<number> {
  const rows = new Set<number>();
  for (const g of gaps) {
    const i = t.findIndex((x) => x >= g);
    if (i >= 0) rows.add(i);
  }
  return rows;
}
