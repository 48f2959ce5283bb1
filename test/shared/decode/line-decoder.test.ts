import { describe, expect, it } from 'vitest';

import { LineDecoder, parseValue } from '../../../shared/decode/line-decoder';
import { LineFramer } from '../../../shared/decode/line-framer';

function decodeAll(lines: string[], decoder = new LineDecoder()) {
  return { decoder, results: lines.map((l) => decoder.decode(l)) };
}

function sample(decoder: LineDecoder, line: string): Record<string, number> {
  const r = decoder.decode(line);
  if (r.kind !== 'sample') throw new Error(`expected a sample from ${JSON.stringify(line)}, got ${JSON.stringify(r)}`);
  return Object.fromEntries(decoder.channels.map((c, i) => [c, r.values[i]]));
}

describe('LineDecoder: Arduino IDE 2 Serial Plotter formats', () => {
  it('unlabelled values split by commas, spaces or tabs are named by position', () => {
    for (const line of ['1.5,2,3', '1.5 2 3', '1.5\t2\t3', '1.5, 2, 3']) {
      const d = new LineDecoder();
      expect(sample(d, line)).toEqual({ value1: 1.5, value2: 2, value3: 3 });
    }
  });

  it('label:value pairs, in any order, with a growing channel list', () => {
    const d = new LineDecoder();
    expect(sample(d, 'a:1,b:2')).toEqual({ a: 1, b: 2 });
    expect(sample(d, 'b:4 a:3')).toEqual({ a: 3, b: 4 });
    expect(sample(d, 'c:5')).toEqual({ a: Number.NaN, b: Number.NaN, c: 5 });
    expect(d.channels).toEqual(['a', 'b', 'c']);
  });

  it('negative, exponent and leading-dot numbers', () => {
    const d = new LineDecoder();
    expect(sample(d, 'x:-1.5e3 y:.5 z:+2')).toEqual({ x: -1500, y: 0.5, z: 2 });
  });
});

describe('LineDecoder: formats the plotter misses', () => {
  it('a space after the colon: "Temperature: 23.6, Humidity: 41"', () => {
    const d = new LineDecoder();
    expect(sample(d, 'Temperature: 23.6, Humidity: 41')).toEqual({ Temperature: 23.6, Humidity: 41 });
  });

  it('temp=23.5 and temp = 23.5', () => {
    const d = new LineDecoder();
    expect(sample(d, 'temp=23.5 hum=40')).toEqual({ temp: 23.5, hum: 40 });
    expect(sample(d, 'temp = 24.5, hum = 41')).toEqual({ temp: 24.5, hum: 41 });
  });

  it('values with units, attached or as their own token, keep the unit', () => {
    const d = new LineDecoder();
    expect(sample(d, 'temp:23.5C hum:41% v:3.3 V')).toEqual({ temp: 23.5, hum: 41, v: 3.3 });
    expect(d.units).toEqual({ temp: 'C', hum: '%', v: 'V' });
    const e = new LineDecoder();
    expect(sample(e, 'Temp: 21.5°C')).toEqual({ Temp: 21.5 });
    expect(e.units).toEqual({ Temp: '°C' });
  });

  it('a header line names the unlabelled values that follow', () => {
    const d = new LineDecoder();
    expect(d.decode('aX,aY,aZ')).toEqual({ kind: 'header', names: ['aX', 'aY', 'aZ'] });
    expect(sample(d, '0.1,0.2,9.8')).toEqual({ aX: 0.1, aY: 0.2, aZ: 9.8 });
  });

  it('a message of several words split by spaces is not a header', () => {
    const d = new LineDecoder();
    expect(d.decode('Error reading sensor')).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    expect(d.decode('aX\taY\taZ')).toEqual({ kind: 'header', names: ['aX', 'aY', 'aZ'] });
  });

  it('a header with a different field count does not rename (boot noise is not a header)', () => {
    const d = new LineDecoder();
    expect(d.decode('Ready').kind).toBe('header');
    expect(sample(d, '1,2')).toEqual({ value1: 1, value2: 2 });
  });

  it('t, time, millis and ms are the device timestamp, not a channel', () => {
    for (const name of ['t', 'time', 'millis', 'ms', 'Millis']) {
      const d = new LineDecoder();
      const r = d.decode(`${name}:1234,temp:20`);
      expect(r).toEqual({ kind: 'sample', values: [20], deviceTime: 1234 });
      expect(d.channels).toEqual(['temp']);
    }
    const h = new LineDecoder();
    h.decode('millis,temp');
    expect(h.decode('99,21')).toEqual({ kind: 'sample', values: [21], deviceTime: 99 });
  });

  it('at least 32 channels, labelled or not', () => {
    const d = new LineDecoder();
    const line = Array.from({ length: 40 }, (_, i) => `ch${i}:${i}`).join(',');
    const r = d.decode(line);
    expect(r.kind).toBe('sample');
    expect(d.channels).toHaveLength(40);
    const u = new LineDecoder();
    const r2 = u.decode(Array.from({ length: 48 }, (_, i) => i).join(' '));
    expect(r2.kind === 'sample' && r2.values[47]).toBe(47);
  });

  it('nan, inf and ovf from Serial.print are missing values, never 0', () => {
    const d = new LineDecoder();
    expect(sample(d, 'a:nan b:inf c:ovf d:1')).toEqual({ a: Number.NaN, b: Number.NaN, c: Number.NaN, d: 1 });
  });
});

describe('LineDecoder: rejections are counted, never zeros', () => {
  it('non-numeric values reject the line', () => {
    const d = new LineDecoder();
    expect(d.decode('status:OK')).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    expect(d.decode('temp:12abc')).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    expect(d.decode('0x1F')).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    expect(d.decode('Temp 23.5 hello')).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    expect(d.channels).toEqual([]);
  });

  it('binary garbage (wrong baud rate) is rejected as binary', () => {
    const d = new LineDecoder();
    expect(d.decode('\u0000\u0013\u00ff\ufffd\ufffd')).toEqual({ kind: 'rejected', reason: 'binary' });
    expect(d.decode('12\u00013')).toEqual({ kind: 'rejected', reason: 'binary' });
  });

  it('lines over the cap are rejected as too long', () => {
    const d = new LineDecoder({ maxLineLength: 16 });
    expect(d.decode('1,2,3,4,5,6,7,8,9,10')).toEqual({ kind: 'rejected', reason: 'too-long' });
  });

  it('more channels than the cap are rejected', () => {
    const d = new LineDecoder({ maxChannels: 32 });
    expect(d.decode(Array.from({ length: 33 }, (_, i) => i).join(',')).kind).toBe('rejected');
    expect(d.decode(Array.from({ length: 32 }, (_, i) => i).join(',')).kind).toBe('sample');
  });

  it('the default caps: lines of 1,024 characters and 64 channels decode, one more is rejected', () => {
    const d = new LineDecoder();
    // 1,024 characters: a value padded with spaces (1,025 is too long).
    const value = (width: number) => `42${' '.repeat(width - 2)}`;
    expect(d.decode(value(1024))).toMatchObject({ kind: 'sample', values: [42] });
    expect(d.decode(value(1025))).toEqual({ kind: 'rejected', reason: 'too-long' });
    const wide = new LineDecoder();
    const values = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(',');
    const sample = wide.decode(values(64));
    expect(sample.kind === 'sample' && sample.values.length).toBe(64);
    expect(wide.decode(values(65))).toEqual({ kind: 'rejected', reason: 'too-many-channels' });
    expect(new LineDecoder().decode(values(65))).toEqual({ kind: 'rejected', reason: 'too-many-channels' });
  });

  it('empty lines are neither samples nor rejections', () => {
    expect(new LineDecoder().decode('   ')).toEqual({ kind: 'empty' });
  });

  it('parseValue reads units and refuses the rest', () => {
    expect(parseValue('41%')).toEqual({ value: 41, unit: '%' });
    expect(parseValue('1e3')).toEqual({ value: 1000 });
    expect(parseValue('abc')).toBeUndefined();
    expect(parseValue('1.2.3')).toBeUndefined();
  });
});

describe('framing + decoding with input split at awkward places', () => {
  const text = 'Temperature: 23.6, Humidity: 41\r\ntemp=23.5\r\n1.25,2.5,-3\r\nx:1e-2 y:41%\r\n';
  const expected = [
    { Temperature: 23.6, Humidity: 41 },
    { temp: 23.5 },
    { value1: 1.25, value2: 2.5, value3: -3 },
    { x: 0.01, y: 41 },
  ];

  function run(chunks: string[]) {
    const framer = new LineFramer();
    const decoder = new LineDecoder();
    const out: Record<string, number>[] = [];
    for (const c of chunks) {
      for (const f of framer.push(c)) {
        if (f.kind !== 'line') throw new Error('overflow');
        const r = decoder.decode(f.text);
        if (r.kind !== 'sample') continue;
        const obj: Record<string, number> = {};
        decoder.channels.forEach((name, i) => {
          if (!Number.isNaN(r.values[i])) obj[name] = r.values[i];
        });
        out.push(obj);
      }
    }
    return out;
  }

  it('every split point (mid-number, mid-label, between CR and LF) gives the same samples', () => {
    for (let i = 0; i <= text.length; i++) {
      expect(run([text.slice(0, i), text.slice(i)])).toEqual(expected);
    }
  });

  it('one character at a time', () => {
    expect(run(text.split(''))).toEqual(expected);
  });

  it('LF, CRLF and lone CR endings give the same samples', () => {
    for (const eol of ['\n', '\r\n', '\r']) expect(run([text.replace(/\r\n/g, eol)])).toEqual(expected);
  });

  it('between CR and LF split in two chunks yields no empty sample', () => {
    const { results } = decodeAll(['a:1']);
    expect(results[0].kind).toBe('sample');
    expect(run(['a:1\r', '\na:2\r', '\n'])).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
