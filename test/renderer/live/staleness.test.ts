import { describe, expect, it } from 'vitest';

import { STALE_AFTER_MS, staleChannels, staleText } from '../../../renderer/src/live/staleness';

describe('stale channels', () => {
  it('are those with no value for 30 s; a channel that never sent is not stale', () => {
    const at = new Map([
      ['temp', 100_000],
      ['hum', 69_000],
      ['seq', 70_000],
    ]);
    expect(STALE_AFTER_MS).toBe(30_000);
    expect([...staleChannels(at, ['temp', 'hum', 'seq', 'new'], 100_000)]).toEqual(['hum', 'seq']);
    expect(staleChannels(at, ['temp', 'hum'], 99_000).size).toBe(1);
  });

  it('say how long they have been quiet', () => {
    expect(staleText(30_400)).toBe('no data for 30 s');
    expect(staleText(5 * 60_000)).toBe('no data for 5 min');
    expect(staleText(3 * 3_600_000)).toBe('no data for 3 h');
  });
});
