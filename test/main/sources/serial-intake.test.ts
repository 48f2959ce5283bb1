// The serial source's input stage (main/sources/serial-intake.ts) fed chunks directly: split at
// awkward places, every raw line kept in order for the monitor, receive times spread over a chunk,
// and what the data tells the user (a wrong baud rate, or text and no values).
import { describe, expect, it } from 'vitest';

import { SerialIntake } from '../../../main/sources/serial-intake';

const chunk = (text: string) => Buffer.from(text, 'utf8');

describe('SerialIntake', () => {
  it('drops the first partial line, joins lines split mid-number, mid-character and between CR and LF', () => {
    const intake = new SerialIntake();
    intake.reset(0);
    const euro = Buffer.from('temp:2°C\r\n', 'utf8');
    const parts = [chunk('mp:1\r\ntemp:2'), chunk('1.5\r'), chunk('\n'), euro.subarray(0, 7), euro.subarray(7)];
    const out = parts.map((p, i) => intake.push(p, 1000 + i * 10, true));
    const samples = out.flatMap((o) => o.samples.map((s) => s.values[0]));
    expect(samples).toEqual([21.5, 2]);
    expect(intake.decoder.units).toEqual({ temp: '°C' });
    expect(out.flatMap((o) => o.lines!.map((l) => l.text))).toEqual(['temp:21.5', 'temp:2°C']);
  });

  it('keeps every line with what the decoder made of it, only when asked', () => {
    const intake = new SerialIntake({ maxLineLength: 40 });
    intake.reset(0);
    intake.push(chunk('\n'), 1);
    const r = intake.push(chunk(`a,b\n1,2\n\nFailed to read from DHT sensor!\n${'x'.repeat(50)}\n`), 5, true);
    expect(r.lines!.map((l) => [l.kind, l.text, l.reason])).toEqual([
      ['header', 'a,b', undefined],
      ['data', '1,2', undefined],
      ['empty', '', undefined],
      ['rejected', 'Failed to read from DHT sensor!', 'non-numeric'],
      ['rejected', '<50 characters without a line end>', 'too-long'],
    ]);
    expect(r.rejected).toBe(2);
    expect(intake.push(chunk('3,4\n'), 6).lines).toBeNull();
  });

  it('spreads the lines of one chunk back over the time since the previous one, increasing', () => {
    const intake = new SerialIntake();
    intake.reset(0);
    intake.push(chunk('\nv:0\n'), 100);
    const r = intake.push(chunk('v:1\nv:2\nv:3\nv:4\n'), 200);
    const t = r.samples.map((s) => s.t);
    expect(t.at(-1)).toBe(200);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    expect(t[0]).toBeGreaterThan(100);
  });

  it('says "check the baud rate" for noise without samples, and "N lines could not be read" for text, once each', () => {
    const noisy = new SerialIntake();
    noisy.reset(0);
    for (let i = 0; i < 6; i++) noisy.push(Buffer.from([0x0a, 0x80 + i, 0x01, 0xfe, 0x0a]), 100 + i);
    expect(noisy.warnings(2100, '/dev/ttyACM0', 9600).map((w) => [w.code, w.message])).toEqual([['BAUD_MISMATCH', '/dev/ttyACM0: 6 unreadable lines and no samples at 9600 baud']]);
    expect(noisy.warnings(4200, '/dev/ttyACM0', 9600)).toEqual([]);

    const text = new SerialIntake();
    text.reset(0);
    text.push(chunk('\nFailed to read from DHT sensor!\nFailed to read from DHT sensor!\nSensor error\n'), 100);
    const [w] = text.warnings(2100, '/dev/ttyACM0', 9600);
    expect(w.code).toBe('UNREADABLE_LINES');
    expect(w.message).toBe('/dev/ttyACM0: 3 lines could not be read; the last: "Failed to read from DHT sensor!", "Failed to read from DHT sensor!", "Sensor error"');
    expect(text.warnings(2400, '/dev/ttyACM0', 9600)).toEqual([]);
  });
});
