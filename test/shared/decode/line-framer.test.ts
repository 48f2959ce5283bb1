import { describe, expect, it } from 'vitest';

import { LineFramer, type FramedLine } from '../../../shared/decode/line-framer';

const lines = (out: FramedLine[]) => out.map((f) => (f.kind === 'line' ? f.text : `<overflow ${f.length}>`));

describe('LineFramer', () => {
  it('splits on LF, CRLF and lone CR in auto mode', () => {
    const f = new LineFramer();
    expect(lines(f.push('a\nb\r\nc\rd\n'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('holds a partial line until its end arrives', () => {
    const f = new LineFramer();
    expect(lines(f.push('12.'))).toEqual([]);
    expect(lines(f.push('5\n3'))).toEqual(['12.5']);
    expect(f.pendingLength).toBe(1);
  });

  it('lf mode keeps a lone CR inside a line but strips the CR of CRLF', () => {
    const f = new LineFramer({ lineEnding: 'lf' });
    expect(lines(f.push('a\rb\nc\r\n'))).toEqual(['a\rb', 'c']);
  });

  it('cr mode ends lines at CR only', () => {
    const f = new LineFramer({ lineEnding: 'cr' });
    expect(lines(f.push('a\rb\r'))).toEqual(['a', 'b']);
  });

  it('drops the first partial line after an open', () => {
    const f = new LineFramer({ dropFirstPartial: true });
    expect(lines(f.push('5.3,2\n1,2\n'))).toEqual(['1,2']);
    f.reset(true);
    expect(lines(f.push(',9\n3,4\n'))).toEqual(['3,4']);
  });

  it('wrong baud rate: garbage without newlines is capped, reported once per line, memory flat', () => {
    const f = new LineFramer({ maxLineLength: 64 });
    const garbage = '\u00ff\u00fe\u0080x'.repeat(1000);
    let overflowed = 0;
    let reports = 0;
    for (let i = 0; i < 1000; i++) {
      for (const item of f.push(garbage)) {
        expect(item.kind).toBe('overflow');
        if (item.kind === 'overflow') overflowed += item.length;
        reports++;
      }
      expect(f.pendingLength).toBeLessThanOrEqual(64);
    }
    const end = f.push('junk\nok\n');
    expect(end[end.length - 1]).toEqual({ kind: 'line', text: 'ok' });
    for (const item of end.slice(0, -1)) if (item.kind === 'overflow') overflowed += item.length;
    // Every garbage character is accounted for, about one rejected "line" per 64 characters.
    expect(overflowed).toBe(4_000_004);
    expect(reports).toBeGreaterThanOrEqual(62_000);
  });

  it('garbage right after an open (while dropping the first partial line) is still capped and counted', () => {
    const f = new LineFramer({ maxLineLength: 10, dropFirstPartial: true });
    const out = [...f.push('x'.repeat(25)), ...f.push('y'.repeat(10))];
    expect(out.every((o) => o.kind === 'overflow')).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(lines(f.push('\n1,2\n')).pop()).toBe('1,2');
  });

  it('a too-long line inside one chunk is an overflow, the next line is kept', () => {
    const f = new LineFramer({ maxLineLength: 4 });
    expect(lines(f.push('123456\n12\n'))).toEqual(['<overflow 6>', '12']);
  });
});
