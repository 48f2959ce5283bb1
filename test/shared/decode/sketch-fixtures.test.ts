// The decoder on what popular example sketches print (test/fixtures/sketches): every data line a
// sample with the right channels and units, every text line rejected, no zero invented.
import { describe, expect, it } from 'vitest';

import { LineDecoder } from '../../../shared/decode/line-decoder';
import { LineFramer } from '../../../shared/decode/line-framer';
import { SKETCH_FIXTURES, sketchLines, type SketchFixture } from '../../fixtures/sketches/sketches';

interface Decoded {
  samples: Record<string, number>[];
  text: string[];
  empty: number;
  decoder: LineDecoder;
}

/** Decodes lines; each sample is reduced to the channels it carries (NaN = not in this line). */
function decodeLines(lines: string[]): Decoded {
  const decoder = new LineDecoder();
  const out: Decoded = { samples: [], text: [], empty: 0, decoder };
  for (const line of lines) {
    const r = decoder.decode(line);
    if (r.kind === 'sample') {
      const row: Record<string, number> = {};
      decoder.channels.forEach((c, i) => {
        if (!Number.isNaN(r.values[i])) row[c] = r.values[i];
      });
      out.samples.push(row);
    } else if (r.kind === 'rejected') {
      expect(r.reason, line).toBe('non-numeric');
      out.text.push(line);
    } else if (r.kind === 'empty') out.empty++;
    else throw new Error(`unexpected header from ${JSON.stringify(line)}`);
  }
  return out;
}

function expectFixture(got: Decoded, fixture: SketchFixture, lineCount: number): void {
  expect(got.samples).toEqual(fixture.samples);
  expect(got.text).toEqual(fixture.text);
  expect(got.decoder.channels).toEqual(Object.keys(fixture.channels));
  const units = Object.fromEntries(Object.entries(fixture.channels).filter(([, u]) => u !== ''));
  expect(got.decoder.units).toEqual(units);
  // Every line accounted for: a sample, text, or a blank `Serial.println()`.
  expect(got.samples.length + got.text.length + got.empty).toBe(lineCount);
}

describe('LineDecoder on example sketches', () => {
  it.each(SKETCH_FIXTURES.map((f) => [f.file, f] as const))('%s: right channels and units, text rejected, nothing lost', (_, fixture) => {
    const lines = sketchLines(fixture);
    expectFixture(decodeLines(lines), fixture, lines.length);
  });

  it.each(SKETCH_FIXTURES.map((f) => [f.file, f] as const))('%s: the same when framed from CRLF bytes split mid-line and mid-°', (_, fixture) => {
    const lines = sketchLines(fixture);
    const text = lines.map((l) => `${l}\r\n`).join('');
    for (const size of [1, 7, 64]) {
      const framer = new LineFramer();
      const framed: string[] = [];
      for (let i = 0; i < text.length; i += size) {
        for (const f of framer.push(text.slice(i, i + size))) if (f.kind === 'line') framed.push(f.text);
      }
      expect(framed).toEqual(lines);
      expectFixture(decodeLines(framed), fixture, lines.length);
    }
  });
});

describe('LineDecoder: formats of example sketches', () => {
  const one = (line: string) => {
    const d = new LineDecoder();
    const r = d.decode(line);
    if (r.kind !== 'sample') throw new Error(`expected a sample from ${JSON.stringify(line)}, got ${JSON.stringify(r)}`);
    return { values: Object.fromEntries(d.channels.map((c, i) => [c, r.values[i]])), units: d.units };
  };

  it('labels of several words: "Light level: 512", "Heat index: 25.3 *C" (°C)', () => {
    expect(one('Light level: 512').values).toEqual({ 'Light level': 512 });
    expect(one('Heat index: 25.3 *C')).toEqual({ values: { 'Heat index': 25.3 }, units: { 'Heat index': '°C' } });
  });

  it('several values of one label are named by their units, or numbered when units do not tell them apart', () => {
    expect(one('Temperature: 23.10°C 73.58°F').values).toEqual({ 'Temperature °C': 23.1, 'Temperature °F': 73.58 });
    expect(one('Accel: 1 2 3').values).toEqual({ 'Accel 1': 1, 'Accel 2': 2, 'Accel 3': 3 });
  });

  it('fields split by two spaces, tabs, |, " - ", "," and ";"', () => {
    for (const sep of ['  ', '\t', ' | ', '|', ' - ', ', ', ';']) {
      expect(one(`Light level: 512${sep}Sound: 41 dB${sep}CO2 = 415 ppm`)).toEqual({
        values: { 'Light level': 512, Sound: 41, CO2: 415 },
        units: { Sound: 'dB', CO2: 'ppm' },
      });
    }
  });

  it('a single space keeps values with their label; a strong separator ends the label', () => {
    expect(one('a:1 2').values).toEqual({ 'a 1': 1, 'a 2': 2 });
    expect(one('a:1, 2').values).toEqual({ a: 1, value1: 2 });
  });

  it('units of example sketches are kept: hPa, Pa, lux, ppm, m, cm, g, deg/s, m/s^2, rad/s, %', () => {
    const u = one('p: 1013.25 hPa, q: 101325 Pa, l: 300 lux, c: 415ppm, h: 12 m, d: 17cm, w: 5 g, r: 3 deg/s, a: 9.8 m/s^2, w2: 0.1 rad/s, rh: 41%').units;
    expect(u).toEqual({ p: 'hPa', q: 'Pa', l: 'lux', c: 'ppm', h: 'm', d: 'cm', w: 'g', r: 'deg/s', a: 'm/s^2', w2: 'rad/s', rh: '%' });
  });

  it('axes share the label in front and the unit behind: "Acceleration X: 1, Y: 2, Z: 9.8 m/s^2"', () => {
    expect(one('Acceleration X: 1, Y: 2, Z: 9.8 m/s^2')).toEqual({
      values: { 'Acceleration X': 1, 'Acceleration Y': 2, 'Acceleration Z': 9.8 },
      units: { 'Acceleration X': 'm/s^2', 'Acceleration Y': 'm/s^2', 'Acceleration Z': 'm/s^2' },
    });
    // Single-letter labels without a group stay as they are.
    expect(one('X: 1, Y: 2').values).toEqual({ X: 1, Y: 2 });
  });

  it('text is rejected, never zeros: messages, setup lines, a label whose value is words or "+-8G"', () => {
    const d = new LineDecoder();
    for (const line of [
      'Failed to read from DHT sensor!',
      'Requesting temperatures...DONE',
      'Error: Could not read temperature data',
      'Accelerometer range set to: +-8G',
      'Filter bandwidth set to: 21 Hz',
      'Could not find a valid BME280 sensor, check wiring, address, sensor ID!',
      'Sensor ready, waiting',
      '12:30',
      'Temperature:',
      'a: b: 3',
    ]) {
      expect(d.decode(line), line).toEqual({ kind: 'rejected', reason: 'non-numeric' });
    }
    expect(d.channels).toEqual([]);
  });
});
