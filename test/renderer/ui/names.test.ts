import { describe, expect, it } from 'vitest';

import { modelNameSchema } from '../../../shared/api/contract';
import { defaultModelName, safeName } from '../../../renderer/src/ui/names';

describe('names the page makes up', () => {
  it('keeps file and model names to safe characters', () => {
    expect(safeName('temp °C/forecast')).toBe('temp _C_forecast');
    expect(safeName('..hidden')).toBe('hidden');
    expect(safeName('///')).toBe('___');
    expect(safeName('')).toBe('sensorcast');
    expect(safeName('x'.repeat(100))).toHaveLength(64);
  });

  it('offers target and horizon as a model name, readable and safe like the export names', () => {
    expect(defaultModelName('Temperatur °C', 12)).toBe('Temperatur-C-h12');
    expect(defaultModelName('Außentemperatur (°C)', 6)).toBe('Aussentemperatur-C-h6');
    expect(defaultModelName('temp', 12)).toBe('temp-h12');
    expect(defaultModelName('温度', 3)).toBe('model-h3');
    for (const target of ['x'.repeat(200), '..//', '=cmd|"/c calc"!A1', ' -lead']) {
      const name = defaultModelName(target, 1440);
      expect(modelNameSchema.safeParse(name).success, name).toBe(true);
      expect(name).not.toMatch(/__|--/);
    }
  });
});
