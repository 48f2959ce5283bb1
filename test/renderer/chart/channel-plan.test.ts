import { describe, expect, it } from 'vitest';

import { PALETTE, channelColor, planAxes } from '../../../renderer/src/chart/channel-plan';

describe('channel axes and colours', () => {
  it('puts channels of one unit on one axis, the target\'s on the left with its name and unit', () => {
    const plan = planAxes('temp', ['seq', 'hum', 'dew', 'rh2'], { temp: '°C', dew: '°C', hum: '%', rh2: '%' });
    expect(plan.axes).toEqual([
      { id: 'y', title: 'temp (°C)', position: 'left', display: true },
      { id: 'y1', title: 'seq', position: 'right', display: true },
      { id: 'y2', title: '%', position: 'right', display: true },
    ]);
    expect(Object.fromEntries(plan.axisOf)).toEqual({ temp: 'y', seq: 'y1', hum: 'y2', dew: 'y', rh2: 'y2' });
  });

  it('gives each channel without a unit its own axis, and shows ticks of only two on the right', () => {
    const plan = planAxes('a', ['b', 'c', 'd'], {});
    expect(plan.axes.map((a) => [a.id, a.title, a.display])).toEqual([
      ['y', 'a', true],
      ['y1', 'b', true],
      ['y2', 'c', true],
      ['y3', 'd', false],
    ]);
  });

  it('has no target axis without a target', () => {
    expect(planAxes(null, ['b'], {}).axes.map((a) => a.id)).toEqual(['y1']);
  });

  it('cycles through the palette', () => {
    expect(channelColor(0)).toBe(PALETTE[0]);
    expect(channelColor(PALETTE.length + 1)).toBe(PALETTE[1]);
  });
});
