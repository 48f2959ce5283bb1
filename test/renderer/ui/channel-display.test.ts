import { describe, expect, it } from 'vitest';

import { parseDisplay, serializeDisplay } from '../../../renderer/src/ui/channel-display';

describe('the channel display kept across reloads', () => {
  it('round-trips the channels switched off and their colours', () => {
    const d = parseDisplay(serializeDisplay({ hidden: new Set(['seq']), colors: new Map([['hum', '#12ab34']]) }));
    expect([...d.hidden]).toEqual(['seq']);
    expect(d.colors.get('hum')).toBe('#12ab34');
  });

  it('drops what is malformed rather than trusting it', () => {
    expect(parseDisplay('not json').hidden.size).toBe(0);
    expect(parseDisplay(null).colors.size).toBe(0);
    const d = parseDisplay(JSON.stringify({ hidden: ['a', 3, null], colors: { a: 'red', b: '#00ff00', c: 'url(x)' } }));
    expect([...d.hidden]).toEqual(['a']);
    expect([...d.colors]).toEqual([['b', '#00ff00']]);
  });
});
