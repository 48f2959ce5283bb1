// What the model panel says, pure: a model in one line, how training ended, and progress.
// Callers: ui/model-panel.ts.
import type { ModelInfo, TrainProgress } from '../../../shared/model/types';
import { describeSeasons } from '../../../shared/series/season';

/**
 * "temp: daily 1,440 rows, weekly 10,080 rows; horizon 12; LSTM 32 units over 48 rows on wasm. Uses
 * lstm (…)." The seasons in the engine's words (as `sensorcast forecast` prints them), "no season" without.
 */
export function describeModel(i: ModelInfo): string {
  const found = { seasons: i.seasons.map((x) => ({ ...x, strength: 0 })), period: i.period, source: i.periodSource };
  const seasons = i.seasons.length ? describeSeasons(found, i.intervalMs) : 'no season';
  const net = i.units ? `LSTM ${i.units} units over ${i.window} rows on ${i.trainer}` : 'no LSTM';
  return `${i.target}: ${seasons}; horizon ${i.horizon}; ${net}. Uses ${i.method} (${i.pickReason}).`;
}

/** How a model came to be: trained in `seconds`, or loaded (`seconds` null), or `restored` as the source's last model. */
export function readyText(i: ModelInfo, seconds: number | null, restored = false): string {
  if (restored) return 'Restored the last model of this source.';
  if (seconds === null) return 'Model loaded.';
  const why = i.stopReason === 'nan-loss' ? ' Training hit a NaN loss and stopped; the last good weights were kept.' : '';
  return `Trained in ${seconds.toFixed(1)} s (${i.epochsRun} epochs).${why}`;
}

/** One epoch's line, with `fmt` formatting the losses. */
export function progressText(p: TrainProgress, fmt: (v: number) => string): string {
  const eta = Number.isFinite(p.etaSeconds) ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
  return `Epoch ${p.epoch}/${p.epochs}: loss ${fmt(p.loss)}, val ${fmt(p.valLoss)}${eta}`;
}
