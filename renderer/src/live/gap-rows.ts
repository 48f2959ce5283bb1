// Gap mapping, pure: the rows of a live batch that start after a gap. The wire names them by row
// index (shared/api/contract.ts `gaps`); indices outside the batch are ignored. Callers:
// live/series-store.ts.

/** Indices into `t` of the rows that follow a gap. */
export function gapRows(t: readonly number[], gaps: readonly number[]): Set<number> {
  const rows = new Set<number>();
  for (const g of gaps) if (Number.isInteger(g) && g >= 0 && g < t.length) rows.add(g);
  return rows;
}
