import { describe, expect, it } from 'vitest';

import type { ModelInfo } from '../../../shared/model/types';
import { describeModel, progressText, readyText } from '../../../renderer/src/ui/model-text';

const info = { target: 'temp', seasons: [{ label: '60 s', period: 600 }], horizon: 12, units: 32, window: 48, trainer: 'tfjs wasm', method: 'lstm', pickReason: 'best on validation', epochsRun: 7, stopReason: 'early-stop' } as unknown as ModelInfo;

describe('model panel text', () => {
  it('describes a model in one line', () => {
    expect(describeModel(info)).toBe('temp: 60 s = 600 rows; horizon 12; LSTM 32 units over 48 rows on tfjs wasm. Uses lstm (best on validation).');
    // Seasons in the engine's words: calendar cycles by name, thousands grouped, rows given a time.
    const minutely = { ...info, intervalMs: 60_000, seasons: [{ label: 'daily', period: 1440 }, { label: '10080 rows', period: 10_080 }] } as unknown as ModelInfo;
    expect(describeModel(minutely)).toMatch(/^temp: daily 1,440 rows, 7 d(ays)? = 10,080 rows; horizon 12;/);
    expect(describeModel({ ...info, seasons: [], units: 0 })).toContain('temp: no season; horizon 12; no LSTM.');
  });

  it('says how training ended', () => {
    expect(readyText(info, 2.345)).toBe('Trained in 2.3 s (7 epochs).');
    expect(readyText({ ...info, stopReason: 'nan-loss' }, 1)).toContain('NaN loss');
    expect(readyText(info, null)).toBe('Model loaded.');
    expect(progressText({ epoch: 2, epochs: 30, loss: 0.5, valLoss: 0.6, etaSeconds: 4.2 } as never, String)).toBe('Epoch 2/30: loss 0.5, val 0.6, about 5 s left');
  });
});
