import { describe, expect, it } from 'vitest';

import { modelNameSchema } from '../../../shared/api/contract';
import { exportFileName } from '../../../renderer/src/ui/export-name';

describe('export file names (issue 13 item 2)', () => {
  it('keep the channel name readable, with one - between words and no __', () => {
    expect(exportFileName('Temperatur °C', 'forecast')).toBe('Temperatur-C-forecast');
    expect(exportFileName('Außentemperatur (°C)', 'chart')).toBe('Aussentemperatur-C-chart');
    expect(exportFileName('RH, % (LGR S/N: 20871234)', 'forecast')).toBe('RH-LGR-S-N-20871234-forecast');
    expect(exportFileName('température_max', 'forecast')).toBe('temperature_max-forecast');
    expect(exportFileName('..//', 'forecast')).toBe('sensorcast-forecast');
    expect(exportFileName(null, 'chart')).toBe('sensorcast-chart');
  });

  it('are valid suggested names for main (ASCII, at most 64)', () => {
    for (const name of ['Temperatur °C', '温度', 'x'.repeat(200), '=cmd|"/c calc"!A1', '-lead']) {
      const s = exportFileName(name, 'forecast');
      expect(modelNameSchema.safeParse(s).success, s).toBe(true);
      expect(s).not.toMatch(/__|--/);
    }
  });
});
