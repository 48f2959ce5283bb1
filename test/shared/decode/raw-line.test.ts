// The serial monitor's line record and words (shared/decode/raw-line.ts), shared by the page and the CLI.
import { describe, expect, it } from 'vitest';

import { LineDecoder } from '../../../shared/decode/line-decoder';
import { clock, overflowLine, printable, rawLine, REASON_TEXT, SEND_ENDINGS } from '../../../shared/decode/raw-line';

describe('raw lines', () => {
  it('records what the decoder made of each line, a rejected one with its reason', () => {
    const d = new LineDecoder();
    expect(rawLine(5, 'temp:1', d.decode('temp:1'))).toEqual({ t: 5, kind: 'data', text: 'temp:1' });
    expect(rawLine(6, 'a,b', d.decode('a,b'))).toEqual({ t: 6, kind: 'header', text: 'a,b' });
    expect(rawLine(7, '', d.decode(''))).toEqual({ t: 7, kind: 'empty', text: '' });
    const text = rawLine(8, 'Failed to read from DHT sensor!', d.decode('Failed to read from DHT sensor!'));
    expect(text).toEqual({ t: 8, kind: 'rejected', text: 'Failed to read from DHT sensor!', reason: 'non-numeric' });
    expect(REASON_TEXT[text.reason!]).toBe('text');
    expect(overflowLine(9, 2048)).toEqual({ t: 9, kind: 'rejected', text: '<2048 characters without a line end>', reason: 'too-long' });
  });

  it('shows control bytes as escapes, and the clock with milliseconds', () => {
    expect(printable('a\u001b[2Jb\tc')).toBe('a\\x1b[2Jb\tc');
    expect(clock(new Date(2026, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
    expect(SEND_ENDINGS).toEqual({ lf: '\n', crlf: '\r\n', cr: '\r', none: '' });
  });
});
