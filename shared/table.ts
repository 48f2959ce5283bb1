// The series table: what the file importer produces, what the engine trains on and what the
// app charts. Columns are typed arrays; NaN marks a missing value (never 0).

export interface Channel {
  /** Column or channel name, as in the file header or the device's label. */
  name: string;
  /** Unit, where the source named one (e.g. `C`, `%`). */
  unit?: string;
  /** One value per row; NaN where the value is missing. */
  values: Float64Array;
}

export interface SeriesTable {
  /** Milliseconds since the Unix epoch, one per row, ascending; null when the series has no clock. */
  time: Float64Array | null;
  channels: Channel[];
  /** The regular sample interval in ms, when known (files on a grid, live sources); else null. */
  intervalMs: number | null;
}

/** Finds a channel by name, or undefined. */
export function findChannel(table: SeriesTable, name: string): Channel | undefined {
  return table.channels.find((c) => c.name === name);
}
