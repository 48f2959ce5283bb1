// Training stage, planning: the seasons a model uses (given or detected); from them, the horizon
// and the data's length, the linear contexts to try and the LSTM window; the methods the model
// offers and, when the LSTM is missing, why. Called by train.ts.
import { detectSeasons } from '../series/season';
import type { ContextSpec } from '../series/encode';

import { EngineError } from './errors';
import { defaultWindow, type ResolvedOptions } from './options';
import type { ForecastMethod, ModelInfo, SeasonUsed } from './types';

/** Fewest LSTM training windows: below this the network is not trained (linear and baselines only). */
export const MIN_LSTM_WINDOWS = 48;
/** Most block means in the linear context. */
const MAX_BLOCKS = 192;

export interface Seasons {
  list: SeasonUsed[];
  source: ModelInfo['periodSource'];
}

/** The seasons: given ones (checked against the series length) or detected ones. */
export function seasonsFor(opt: ResolvedOptions, target: Float64Array, time: Float64Array | null, intervalMs: number | null): Seasons {
  const n = target.length;
  if (opt.period) {
    for (const p of opt.period) {
      if (p > n) throw new EngineError('BAD_OPTION', `the season of ${p} rows is longer than the series (${n} rows)`, `use a shorter {period}, or give at least ${2 * p} rows`);
    }
    const given = opt.period.filter((p) => p > 1);
    return { list: given.map((p) => ({ period: p, label: describePeriod(p, intervalMs), source: 'given' as const })), source: given.length ? 'given' : 'none' };
  }
  const found = detectSeasons(target, time, intervalMs);
  return { list: found.seasons.map((x) => ({ period: x.period, label: x.label, source: x.source })), source: found.source };
}

/** "daily" for a given period that is a calendar cycle of the data's interval, else "N rows". */
function describePeriod(p: number, intervalMs: number | null): string {
  const named: [string, number][] = [['daily', 86_400_000], ['weekly', 7 * 86_400_000]];
  const hit = intervalMs ? named.find(([, ms]) => Math.abs(p * intervalMs - ms) < 0.01 * ms) : undefined;
  return hit ? hit[0] : `${p} rows`;
}

export interface Sizes {
  /** Linear contexts to try (the validation picks one). */
  contexts: ContextSpec[];
  window: number;
}

/** A context of `recent` full-resolution rows plus block means reaching `cover` rows back, within `cap` rows. */
function contextFor(recent: number, cover: number, unit: number, cap: number): ContextSpec {
  let block = 1;
  let blocks = 0;
  if (cover > recent) {
    block = Math.max(1, Math.round(unit / 48));
    blocks = Math.min(MAX_BLOCKS, Math.ceil((cover - recent) / block));
    while (blocks > 0 && recent + block * blocks > cap) blocks--;
    if (!blocks) block = 1;
  }
  return { recent: Math.max(1, Math.min(recent, cap)), block, blocks };
}

/**
 * Contexts and LSTM window from the seasons and horizon, shrunk to the data: the history a
 * forecast reads is at most half the longest stretch minus the horizon, so there are windows to
 * learn from. Seasons longer than the full-resolution lookback enter as block means (about 48
 * per season), two seasons back. A second, longer context (336 rows) is tried on long sensor data:
 * on ETTh1 it beats the short default although no daily season stands out in the oil temperature.
 */
export function chooseSizes(opt: ResolvedOptions, m: number, longest: number, H: number, rows: number, intervalMs: number | null): Sizes {
  const cap = Math.max(1, Math.floor((rows - H + 1) / 2));
  const unit = Math.max(longest, H);
  const cover = Math.max(2 * longest, longest > 1 ? 0 : 2 * H);
  const contexts: ContextSpec[] = [];
  if (opt.lookback !== undefined) contexts.push({ recent: Math.max(1, Math.min(opt.lookback, cap)), block: 1, blocks: 0 });
  else {
    // Candidates, chosen on validation: 2 seasons (or 2H), at least 48 rows, and a longer one
    // (336 rows on long sensor data, i.e. sub-daily or without a clock; else twice that). Each
    // alternative only where the data hold at least 3 times its history. Measured (MASE): elnino
    // 0.945 with 48 months, 0.823 with 96; airquality 0.48 with 14 days, 0.68 with 48; monthly
    // sunspots did worse with 336 months than with 48.
    const base = Math.min(longest > 1 ? 2 * longest : Math.max(2 * H, 16), 336);
    const wide = Math.min(Math.max(base, 48), 336);
    const sensor = intervalMs === null || intervalMs < 86_400_000;
    const long = sensor && cap >= 4 * 336 ? 336 : Math.min(2 * wide, 336);
    contexts.push(contextFor(Math.min(base, cap), cover, unit, cap));
    for (const recent of [wide, long]) {
      if (cap < 3 * recent || contexts.some((c) => c.recent * 1.5 > recent)) continue;
      contexts.push(contextFor(recent, cover, unit, cap));
    }
  }
  let window = opt.window ?? defaultWindow(m);
  window = Math.min(window, cap - 1);
  if (window < 8 && opt.window === undefined) window = 0;
  if (opt.window !== undefined && opt.window > cap - 1) {
    throw new EngineError('BAD_OPTION', `the window (${opt.window} rows) and horizon (${H}) do not fit in ${rows} consecutive rows`, `use {window} ${Math.max(2, cap - 1)} or less`);
  }
  return { contexts, window: Math.max(0, window) };
}

/** Methods the model can forecast with. */
export function offered(allowed: ForecastMethod[], linear: boolean, network: boolean, m: number): ForecastMethod[] {
  const out: ForecastMethod[] = [];
  if (network) out.push('lstm', 'ensemble');
  if (linear) out.push('linear');
  out.push('seasonal-naive', 'naive');
  const keep = out.filter((x) => allowed.includes(x) || x === 'naive' || (x === 'seasonal-naive' && m > 1) || (x === 'linear' && network));
  return keep.length ? keep : ['naive'];
}

export function whyNoNetwork(linear: boolean, wanted: boolean, lstmWindows: number, rows: number, window: number): string | undefined {
  if (!wanted) return undefined;
  if (!linear || window === 0 || lstmWindows < MIN_LSTM_WINDOWS) return `${rows} rows: too short for the LSTM (it needs ${MIN_LSTM_WINDOWS} training windows)`;
  return undefined;
}
