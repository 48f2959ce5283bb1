import { describe, expect, it } from 'vitest';

import { defaultModelName, safeName } from '../../../renderer/src/ui/names';

describe('names the page makes up', () => {
  it('keeps file and model names to safe characters', () => {
    expect(safeName('temp °C/forecast')).toBe('temp _C_forecast');
    expect(safeName('..hidden')).toBe('hidden');
    expect(safeName('///')).toBe('___');
    expect(safeName('')).toBe('sensorcast');
    expect(safeName('x'.repeat(100))).toHaveLength(64);
  });

  it('offers target and horizon as a model name', () => {
    expect(defaultModelName('Temperature °C', 12)).toBe('Temperature _C-h12');
  });
});
