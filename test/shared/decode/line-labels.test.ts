// The names in a line (shared/decode/line-labels.ts): labels, headers, names by unit, axis units.
import { describe, expect, it } from 'vitest';

import { group, headerNames, readLabel, shareAxisUnits, suffix, type Field } from '../../../shared/decode/line-labels';
import { LineTokens } from '../../../shared/decode/line-tokens';

function tokens(line: string): LineTokens {
  const t = new LineTokens();
  t.scan(line);
  return t;
}

describe('readLabel', () => {
  it('joins the words of a label, drops a trailing verb, and refuses a sentence', () => {
    expect(readLabel(tokens('Light level'), 0, 2, undefined)?.label).toBe('Light level');
    expect(readLabel(tokens('Temperature is'), 0, 2, undefined)?.label).toBe('Temperature');
    expect(readLabel(tokens('Filter bandwidth set to'), 0, 4, undefined)).toBeNull();
    expect(readLabel(tokens('12'), 0, 1, undefined)).toBeNull();
    expect(readLabel(tokens('a, b'), 0, 2, undefined)).toBeNull();
  });

  it('names a lone axis after the label before it', () => {
    const acc = readLabel(tokens('Acceleration X'), 0, 2, undefined)!;
    expect(acc).toMatchObject({ label: 'Acceleration X', prefix: 'Acceleration' });
    expect(readLabel(tokens('Y'), 0, 1, acc)?.label).toBe('Acceleration Y');
    expect(readLabel(tokens('Y'), 0, 1, undefined)?.label).toBe('Y');
  });
});

describe('headerNames', () => {
  it('reads names split by commas or tabs, and not words of a sentence', () => {
    expect(headerNames('aX,aY,aZ', tokens('aX,aY,aZ'))).toEqual(['aX', 'aY', 'aZ']);
    expect(headerNames('temp\thum', tokens('temp\thum'))).toEqual(['temp', 'hum']);
    expect(headerNames('Error reading sensor', tokens('Error reading sensor'))).toBeNull();
    expect(headerNames('a,b!', tokens('a,b!'))).toBeNull();
  });
});

describe('suffix and shareAxisUnits', () => {
  it('names several values by their units when each has its own, else by position', () => {
    const byUnit = { ...group('Temperature', null), size: 2, units: ['°C', '°F'] };
    expect([suffix(byUnit), suffix(byUnit)]).toEqual(['°C', '°F']);
    const byPosition = { ...group('Gyro', null), size: 2, units: ['', ''] };
    expect([suffix(byPosition), suffix(byPosition)]).toEqual(['1', '2']);
  });

  it('gives every axis the unit written after the last one', () => {
    const groups = ['X', 'Y', 'Z'].map((a) => ({ ...group(`Acceleration ${a}`, 'Acceleration'), size: 1 }));
    const fields: Field[] = [
      { group: 0, value: 1, unit: undefined },
      { group: 1, value: 2, unit: undefined },
      { group: 2, value: 9.8, unit: 'm/s^2' },
    ];
    shareAxisUnits(fields, groups);
    expect(fields.map((f) => f.unit)).toEqual(['m/s^2', 'm/s^2', 'm/s^2']);
  });
});
