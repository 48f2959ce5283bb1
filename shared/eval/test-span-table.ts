// Scoring stage, reporting: the table of a test-span backtest (test-span.ts) — every method the
// model offers with its MAE, RMSE, MASE and interval coverage, which one the engine picked and
// why, and which scored best on the test span — as data and as the text the CLI prints. One home
// for both front ends: the CLI's `evaluate --test-from` (main/cli/commands/evaluate.ts) and the
// page's backtest (renderer/src/ui/backtest-panel.ts).
import type { ForecastMethod } from '../model/types';

import type { SpanMetrics, TestSpanResult } from './test-span';

export interface SpanTableRow extends SpanMetrics {
  method: ForecastMethod;
  /** The method the engine picked on its validation windows (the one `forecast()` uses). */
  pick: boolean;
  /** The lowest MASE on the test span. */
  best: boolean;
}

export interface SpanTable {
  /** Every method the model offers, in the model's order. */
  rows: SpanTableRow[];
  pick: ForecastMethod;
  /** Why the pick, in the engine's words (validation scores). */
  pickReason: string;
  /** Nominal interval level, e.g. 0.9. */
  level: number;
  /** The MASE lag (the model's primary season; 1 without one). */
  period: number;
  /** One sentence: how the pick did on the test span against the best method and seasonal naive. */
  verdict: string;
}

const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(3));

/** The table of a test-span backtest. */
export function testSpanTable(r: TestSpanResult): SpanTable {
  const entries = Object.entries(r.metrics).filter((e): e is [ForecastMethod, SpanMetrics] => e[1] !== undefined);
  const scored = entries.filter(([, s]) => !Number.isNaN(s.mase));
  const best = scored.length ? scored.reduce((a, b) => (b[1].mase < a[1].mase ? b : a))[0] : null;
  const rows = entries.map(([method, s]) => ({ method, ...s, pick: method === r.info.method, best: method === best }));
  return { rows, pick: r.info.method, pickReason: r.info.pickReason, level: r.info.level, period: r.info.period, verdict: verdict(rows, r.info.method) };
}

function verdict(rows: SpanTableRow[], pick: ForecastMethod): string {
  const picked = rows.find((x) => x.pick);
  const best = rows.find((x) => x.best);
  const snaive = rows.find((x) => x.method === 'seasonal-naive');
  if (!picked || Number.isNaN(picked.mase)) return 'no test value could be scored';
  const vsBase = snaive && snaive !== picked ? `; seasonal naive ${f3(snaive.mase)}` : '';
  if (!best || best === picked) return `the pick (${pick}) scored best on the test span: MASE ${f3(picked.mase)}${vsBase}`;
  return `the pick (${pick}) scored MASE ${f3(picked.mase)} on the test span; ${best.method} did better with ${f3(best.mase)}${best === snaive ? '' : vsBase}`;
}

/** The table as the CLI prints it: a header row, one row per method (the pick marked), then the notes. */
export function formatSpanTable(table: SpanTable): string[] {
  const out = [`${'method'.padEnd(18)}${'MAE'.padStart(11)}${'RMSE'.padStart(11)}${'MASE'.padStart(9)}${'coverage'.padStart(10)}`];
  for (const s of table.rows) {
    const name = s.pick ? `${s.method} (pick)` : s.method;
    out.push(`${name.padEnd(18)}${s.mae.toPrecision(5).padStart(11)}${s.rmse.toPrecision(5).padStart(11)}${f3(s.mase).padStart(9)}${pct(s.coverage).padStart(10)}`);
  }
  out.push('');
  out.push(`coverage: share of actual values inside the ${Math.round(100 * table.level)}% interval; MASE scaled by the training rows' seasonal-naive error (lag ${table.period})`);
  out.push(`verdict: ${table.verdict}`);
  return out;
}
