// Forecast export as CSV: `t,actual,forecast,lower,upper,baseline,residual`, one row per time.
// Every cell is an ISO time or a number written by us (never text from a device or a file), so
// no cell can carry a spreadsheet formula. Callers: app-services.ts (exportForecasts).
import type { z } from 'zod';

import type { exportRowSchema } from '../../shared/api/contract';

type ExportRow = z.infer<typeof exportRowSchema>;

export const FORECAST_CSV_HEADER = 't,actual,forecast,lower,upper,baseline,residual';

function cell(v: number | null): string {
  // Missing stays empty, never 0.
  return v === null || !Number.isFinite(v) ? '' : String(v);
}

/** @param _channel The target channel (kept out of the cells: a device label is untrusted text). */
export function formatForecastCsv(_channel: string, rows: readonly ExportRow[]): string {
  const lines = [FORECAST_CSV_HEADER];
  for (const [t, ...rest] of rows) {
    const time = Number.isFinite(t) ? new Date(t).toISOString() : '';
    lines.push([time, ...rest.map(cell)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
