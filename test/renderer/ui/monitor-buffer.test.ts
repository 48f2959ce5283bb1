// The serial monitor's data in the page (renderer/src/ui/monitor-buffer.ts): bounded, pausable,
// searchable, no line twice, and a note where lines are missing.
import { describe, expect, it } from 'vitest';

import type { MonitorLine } from '../../../shared/api/contract';
import { MonitorBuffer, matches, rejectText } from '../../../renderer/src/ui/monitor-buffer';

const line = (seq: number, text = `v:${seq}`): MonitorLine => ({ seq, t: 1000 + seq, kind: 'data', text });
const texts = (b: MonitorBuffer, filter = '') => b.visible(filter).map((r) => r.text);

describe('MonitorBuffer', () => {
  it('keeps the newest lines up to its capacity, and never a line twice (a backlog overlapping a batch)', () => {
    const b = new MonitorBuffer({ capacity: 5 });
    b.add([0, 1, 2].map((i) => line(i)));
    b.add([1, 2, 3, 4, 5, 6].map((i) => line(i)));
    expect(texts(b)).toEqual(['v:2', 'v:3', 'v:4', 'v:5', 'v:6']);
    expect(b.size).toBe(5);
  });

  it('notes the lines main did not forward: a jump in the numbering, and lines skipped in a flood', () => {
    const b = new MonitorBuffer();
    b.add([line(0), line(1)]);
    b.add([line(5)], 120);
    expect(b.visible().map((r) => [r.kind, r.text])).toEqual([
      ['data', 'v:0'],
      ['data', 'v:1'],
      ['note', '3 lines not shown (the monitor was closed or behind)'],
      ['data', 'v:5'],
      ['note', '120 lines not shown (they came faster than the monitor shows)'],
    ]);
  });

  it('holds the view while paused, counts what arrives meanwhile, and shows it on resume', () => {
    const b = new MonitorBuffer({ capacity: 4 });
    b.add([line(0), line(1)]);
    b.pause();
    b.add([2, 3, 4, 5, 6].map((i) => line(i)));
    expect(b.paused).toBe(true);
    expect(texts(b)).toEqual(['v:0', 'v:1']);
    expect(b.arrivedWhilePaused).toBe(5);
    expect(b.size).toBe(4); // bounded while paused too
    b.resume();
    expect(texts(b)).toEqual(['v:3', 'v:4', 'v:5', 'v:6']);
    expect(b.arrivedWhilePaused).toBe(0);
  });

  it('filters by text, case-insensitive, or by the words of a reject reason', () => {
    const b = new MonitorBuffer();
    const bad: MonitorLine = { seq: 2, t: 0, kind: 'rejected', text: 'Failed to read from DHT sensor!', reason: 'non-numeric' };
    b.add([line(0, 'temp:21.5'), line(1, 'hum:40'), bad]);
    expect(texts(b, 'TEMP')).toEqual(['temp:21.5']);
    expect(texts(b, 'dht')).toEqual(['Failed to read from DHT sensor!']);
    expect(texts(b, 'rejected')).toEqual(['Failed to read from DHT sensor!']);
    expect(matches(line(3, 'rejected: x'), 'rejected')).toBe(true);
    expect(rejectText(bad)).toBe('rejected: text');
    expect(rejectText(line(4))).toBe('');
  });

  it('clears (numbering goes on) and resets for a new source (any numbering accepted)', () => {
    const b = new MonitorBuffer();
    b.add([line(7), line(8)]);
    b.clear();
    b.add([line(8), line(9)]);
    expect(texts(b)).toEqual(['v:9']);
    b.pause();
    b.reset();
    expect(b.paused).toBe(false);
    b.add([line(0)]);
    expect(texts(b)).toEqual(['v:0']);
  });
});
