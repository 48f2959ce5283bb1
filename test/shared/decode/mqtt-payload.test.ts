// The MQTT payload decoder: payload formats, channel names from topics, time fields, rejections.
import { describe, expect, it } from 'vitest';

import { MqttPayloadDecoder, parseTime, sharedPrefix } from '../../../shared/decode/mqtt-payload';

/** The sample of one payload as `{ channel: value }`, missing channels left out. */
function read(d: MqttPayloadDecoder, topic: string, payload: string): Record<string, number>[] {
  return d.decode(topic, payload).samples.map((s) => Object.fromEntries(s.values.flatMap((v, i) => (Number.isNaN(v) ? [] : [[d.channels[i], v]]))));
}

describe('MqttPayloadDecoder', () => {
  it('names channels by the topic levels the filters do not share', () => {
    expect(sharedPrefix(['home/+/temp', 'home/+/hum'])).toEqual(['home']);
    expect(sharedPrefix(['home/kitchen/temp', 'home/kitchen/hum'])).toEqual(['home', 'kitchen']);
    expect(sharedPrefix(['a/#', 'b/#'])).toEqual([]);
    const d = new MqttPayloadDecoder({ filters: ['home/kitchen/temp', 'home/kitchen/hum'] });
    expect(read(d, 'home/kitchen/temp', '23.5')).toEqual([{ temp: 23.5 }]);
    expect(read(d, 'home/kitchen/hum', '41%')).toEqual([{ hum: 41 }]);
    expect(d.units).toEqual({ hum: '%' });
  });

  it('reads JSON: nested keys joined with ".", arrays by index, null as missing, strings and booleans skipped', () => {
    const d = new MqttPayloadDecoder({ filters: ['esp1'] });
    expect(read(d, 'esp1', '{"temp":23.5,"bme":{"p":1013,"acc":[1,2]},"ok":true,"name":"x","hum":null}')).toEqual([{ temp: 23.5, 'bme.p': 1013, 'bme.acc.0': 1, 'bme.acc.1': 2 }]);
    expect(d.channels).toContain('hum');
  });

  it('reads a time field: epoch s, epoch ms, ISO with and without a zone (UTC)', () => {
    expect(parseTime(1767225600)).toBe(Date.UTC(2026, 0, 1));
    expect(parseTime(1767225600123)).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 123));
    expect(parseTime('2026-01-01T01:00:00+01:00')).toBe(Date.UTC(2026, 0, 1));
    expect(parseTime('2026-01-01 00:00:05')).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    expect(parseTime('yesterday')).toBeUndefined();
    const d = new MqttPayloadDecoder({ filters: ['x'] });
    expect(d.decode('x', '{"t":1,"ts":"2026-01-01T00:00:00Z"}').samples[0]).toMatchObject({ deviceTime: Date.UTC(2026, 0, 1), wallClock: true });
  });

  it.each([
    ['empty', '  ', 'empty'],
    ['broken JSON', '{"temp":', 'bad-json'],
    ['a JSON array', '[1,2]', 'bad-json'],
    ['JSON without numbers', '{"temp":"warm"}', 'no-numbers'],
    ['an unreadable time', '{"temp":1,"ts":"soon"}', 'bad-time'],
    ['text', 'Failed to read from DHT sensor!', 'non-numeric'],
    ['control bytes', '\u0001\u0002', 'binary'],
  ])('rejects %s (never a zero)', (_name, payload, reason) => {
    const d = new MqttPayloadDecoder({ filters: ['x'] });
    expect(d.decode('x', payload)).toEqual({ samples: [], rejected: 1, reason });
    expect(d.channels).toEqual([]);
  });

  it('rejects a payload that would pass the channel cap, and prototype keys never become channels', () => {
    const d = new MqttPayloadDecoder({ filters: ['x'], maxChannels: 2 });
    expect(d.decode('x', '{"a":1,"b":2,"c":3}')).toMatchObject({ rejected: 1, reason: 'too-many-channels' });
    expect(read(d, 'x', '{"a":1,"__proto__":{"b":2},"constructor":3}')).toEqual([{ a: 1 }]);
  });

  it('reads Arduino lines, several per payload, with a header per topic', () => {
    const d = new MqttPayloadDecoder({ filters: ['b/+'] });
    expect(read(d, 'b/one', 'aX,aY\n1,2\r\n3,4')).toEqual([{ 'one/aX': 1, 'one/aY': 2 }, { 'one/aX': 3, 'one/aY': 4 }]);
    expect(read(d, 'b/two', '5,6')).toEqual([{ 'two/value1': 5, 'two/value2': 6 }]);
  });
});
