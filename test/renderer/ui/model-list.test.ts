// What the page says about saved models (renderer/src/ui/model-list.ts): labels, details, fresh
// names and why a model does not fit the data on screen.
import { describe, expect, it } from 'vitest';

import { modelNameSchema, type ModelEntry } from '../../../shared/api/contract';
import { freshModelName, modelDetails, modelLabel, modelMisfit, uniqueName } from '../../../renderer/src/ui/model-list';

const savedAt = Date.UTC(2026, 10, 30, 8, 15);
const model: ModelEntry = {
  name: 'temp-h12',
  savedAt,
  bytes: 4096,
  target: 'temp',
  channels: [{ name: 'temp', unit: '°C' }, { name: 'hum', unit: '%' }],
  seasons: [{ period: 24, label: 'daily' }],
  horizon: 12,
  intervalMs: 3_600_000,
};

describe('saved models in the list', () => {
  it('labels a model with its target, horizon and date, and details every channel, unit, season and the horizon in time', () => {
    expect(modelLabel(model)).toBe('temp-h12 · temp, 12 ahead · 2026-11-30');
    expect(modelDetails(model)).toBe('Forecasts temp (°C), from hum (%); daily (24 rows); horizon 12 steps = next 12 h; saved 2026-11-30 08:15 UTC.');
  });

  it('says what it can of a folder whose manifest it does not understand', () => {
    const bare: ModelEntry = { name: 'odd', savedAt, bytes: 10 };
    expect(modelLabel(bare)).toBe('odd · 2026-11-30');
    expect(modelDetails(bare)).toMatch(/^odd: saved 2026-11-30 08:15 UTC; not a model this version describes/);
  });

  it('gives a new model a name no saved model has', () => {
    expect(freshModelName('temp', 12, [])).toBe('temp-h12');
    expect(freshModelName('temp', 12, ['temp-h12'])).toBe('temp-h12-2');
    expect(freshModelName('temp', 12, ['temp-h12', 'temp-h12-2', 'temp-h12-3'])).toBe('temp-h12-4');
    expect(freshModelName('Temperatur °C', 6, [])).toBe('Temperatur-C-h6');
  });

  it('gives a model loaded from a file a name no saved model has, within the 64 characters names may have', () => {
    expect(uniqueName('value-h6', ['value-h6'])).toBe('value-h6-2');
    const long = 'x'.repeat(64);
    expect(uniqueName(long, [long])).toBe(`${'x'.repeat(62)}-2`);
    const taken = [long, ...Array.from({ length: 8 }, (_, i) => `${'x'.repeat(62)}-${i + 2}`)];
    expect(uniqueName(long, taken)).toBe(`${'x'.repeat(61)}-10`);
    expect(modelNameSchema.safeParse(uniqueName(long, taken)).success).toBe(true);
  });

  it('refuses a model whose channels the data lacks, or whose target is not the target, and says why', () => {
    const view = { channels: ['temp', 'pressure'], target: 'temp', name: 'this file' };
    expect(modelMisfit(model, view)).toEqual({
      message: 'Model "temp-h12" needs hum, which this file does not have; the current model stays.',
      hint: 'Open data with temp, hum, or train a model on this data.',
    });
    const other = modelMisfit(model, { channels: ['temp', 'hum'], target: 'hum', name: 'this source' });
    expect(other?.message).toBe('Model "temp-h12" forecasts temp, but the target is hum; the current model stays.');
    expect(other?.hint).toBe('Choose temp as the target in the channel list, then load it again.');
    expect(modelMisfit(model, { channels: ['hum', 'temp'], target: 'temp', name: 'this file' })).toBeNull();
    // Nothing on screen yet: the model is checked when the channels arrive.
    expect(modelMisfit(model, { channels: [], target: null, name: 'this source' })).toBeNull();
  });
});
