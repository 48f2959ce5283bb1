// The MQTT source against a real broker (Debian's mosquitto on a loopback port), fed by
// mosquitto_pub and by mqtt.js publishing: payload formats, wildcards, malformed payloads (and the
// monitor's lines of them), 1,000
// messages/s, a broker restart, WebSocket. Refusals and TLS: mqtt-connect.test.ts.
import { afterEach, describe, expect, it } from 'vitest';

import type { EventEnvelope, MonitorBatch } from '../../../shared/api/contract';
import type { RawLine } from '../../../shared/decode/raw-line';
import { MonitorFeed } from '../../../main/session/monitor-feed';
import { mqttKit, pub, until } from '../../support/mqtt-kit';

const { broker, publisher, source, cleanup } = mqttKit();
afterEach(() => cleanup());

describe('MqttSource against mosquitto', () => {
  it('reads every payload format: plain numbers named by topic, JSON (nested, time field), Arduino lines', async () => {
    const b = await broker();
    const { src, rows, samples } = source({ url: b.url, topics: ['home/+/temp', 'home/+/state', 'home/+/line'] });
    await src.start();
    expect(src.status().state).toBe('connected');

    pub(b, 'home/kitchen/temp', '23.5');
    pub(b, 'home/garage/temp', '-4.25 ');
    pub(b, 'home/kitchen/state', '{"temp":21.5,"hum":41,"bme":{"pressure":1013.25},"ok":true,"name":"esp1","ts":1767225600}');
    pub(b, 'home/garage/state', '{"temp":5,"time":"2026-01-01T00:00:01.500Z"}');
    pub(b, 'home/attic/state', '{"temp":7,"ts":1767225602000}');
    pub(b, 'home/kitchen/line', 'temp:23.5,hum:41\ntemp:23.6,hum:42');
    pub(b, 'home/garage/line', 'Temperature: 23.10°C 73.58°F');
    await until(() => rows.length === 8, '8 samples');

    expect(rows).toEqual([
      { 'kitchen/temp': 23.5 },
      { 'garage/temp': -4.25 },
      { 'kitchen/state/temp': 21.5, 'kitchen/state/hum': 41, 'kitchen/state/bme.pressure': 1013.25 },
      { 'garage/state/temp': 5 },
      { 'attic/state/temp': 7 },
      { 'kitchen/line/temp': 23.5, 'kitchen/line/hum': 41 },
      { 'kitchen/line/temp': 23.6, 'kitchen/line/hum': 42 },
      { 'garage/line/Temperature °C': 23.1, 'garage/line/Temperature °F': 73.58 },
    ]);
    // The JSON time fields are the samples' times: epoch s, ISO, epoch ms.
    expect(samples[2].t).toBe(Date.UTC(2026, 0, 1));
    expect(samples[3].t).toBe(Date.UTC(2026, 0, 1, 0, 0, 1, 500));
    expect(samples[4].t).toBe(Date.UTC(2026, 0, 1, 0, 0, 2));
    expect(src.status().units['garage/line/Temperature °C']).toBe('°C');
    expect(src.status().counts).toMatchObject({ samples: 8, rejected: 0 });
  });

  it('one exact topic: JSON keys and line labels name the channels alone; a device counter is not the time of the sample', async () => {
    const b = await broker();
    const { src, rows, samples } = source({ url: b.url, topics: ['greenhouse/esp1'] });
    await src.start();
    const before = Date.now();
    pub(b, 'greenhouse/esp1', '{"temp":23.5,"hum":41,"ts":123456}');
    pub(b, 'greenhouse/esp1', 'millis:5000,temp:24');
    await until(() => rows.length === 2, '2 samples');
    expect(rows).toEqual([{ temp: 23.5, hum: 41 }, { temp: 24 }]);
    // ts 123456 is not a wall-clock time (1970): the host time is the sample's time.
    expect(samples[0].t).toBeGreaterThanOrEqual(before);
    expect(samples[1].t).toBeGreaterThanOrEqual(before);
  });

  it('wildcards: + matches one level, # the rest; other topics are not read', async () => {
    const b = await broker();
    const { src, rows } = source({ url: b.url, topics: ['sensors/#', '+/battery'] });
    await src.start();
    pub(b, 'sensors/a/temp', '1');
    pub(b, 'sensors/b/c/d', '2');
    pub(b, 'esp9/battery', '3.7');
    pub(b, 'other/temp', '99');
    pub(b, 'esp9/x/battery', '99');
    pub(b, 'sensors', '4');
    await until(() => rows.length === 4, '4 samples');
    await new Promise((r) => setTimeout(r, 300));
    expect(rows).toEqual([{ 'sensors/a/temp': 1 }, { 'sensors/b/c/d': 2 }, { 'esp9/battery': 3.7 }, { sensors: 4 }]);
  });

  it('a malformed payload is rejected and counted, never a zero; the next good one is read', async () => {
    const b = await broker();
    const { src, rows, errors } = source({ url: b.url, topics: ['t/#'] });
    const monitor: RawLine[] = [];
    src.onLines((lines) => monitor.push(...lines));
    await src.start();
    for (const bad of ['{"temp":23.5', '{"temp":"warm"}', 'Failed to read from DHT sensor!', '[1,2]', '{"temp":1,"ts":"yesterday"}', '\u0001\u0002\u0003']) pub(b, 't/x', bad);
    pub(b, 't/x', null);
    pub(b, 't/x', '{"temp":0}');
    await until(() => rows.length === 1 && src.status().counts.rejected === 7, 'the good sample and 7 rejections');
    expect(rows).toEqual([{ 'x/temp': 0 }]);
    await until(() => errors.includes('UNREADABLE_PAYLOADS'), 'an UNREADABLE_PAYLOADS report');
    expect(src.status().lastError?.message).toMatch(/messages could not be read/);
    expect(src.status().lastError?.hint).toMatch(/JSON object of numbers/);
    // The monitor sees every message as `topic payload`, the unreadable ones marked with why.
    expect(monitor.map((l) => [l.kind, l.text, l.reason])).toEqual([
      ['rejected', 't/x {"temp":23.5', 'bad-json'],
      ['rejected', 't/x {"temp":"warm"}', 'no-numbers'],
      ['rejected', 't/x Failed to read from DHT sensor!', 'non-numeric'],
      ['rejected', 't/x [1,2]', 'bad-json'],
      ['rejected', 't/x {"temp":1,"ts":"yesterday"}', 'bad-time'],
      ['rejected', 't/x \u0001\u0002\u0003', 'binary'],
      ['rejected', 't/x ', 'empty'],
      ['data', 't/x {"temp":0}', undefined],
    ]);
  });

  it("in the page's monitor (MonitorFeed): its messages as lines, read only", async () => {
    const b = await broker();
    const { src } = source({ url: b.url, topics: ['lab/#'] });
    const batches: MonitorBatch[] = [];
    const feed = new MonitorFeed((e: EventEnvelope) => void (e.event === 'monitor' && batches.push(e.payload as MonitorBatch)), { batchMs: 20 });
    await src.start();
    feed.attach('src-mqtt', src);
    try {
      expect(feed.watch('page-mqtt-01', true)).toMatchObject({ sourceId: 'src-mqtt', raw: true, sends: false });
      pub(b, 'lab/temp', '21.5');
      await until(() => batches.some((x) => x.lines.length > 0), 'a monitor batch');
      expect(batches.flatMap((x) => x.lines).map((l) => [l.kind, l.text])).toEqual([['data', 'lab/temp 21.5']]);
      const sent = await feed.send({ text: 'led on', ending: 'lf' });
      expect(sent.ok).toBe(false);
      if (!sent.ok) expect(sent.error.message).toBe('Only a serial port takes lines from the monitor.');
    } finally {
      feed.detach();
    }
  });

  it('1,000 messages/s for 10 s at QoS 1: every message arrives, none twice', async () => {
    const b = await broker();
    const { src, rows } = source({ url: b.url, topics: ['flood/+'] });
    await src.start();
    const p = await publisher(b.url);
    const total = 10_000;
    const start = Date.now();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      // 10 messages every 10 ms: 1,000 a second.
      const due = start + Math.floor(i / 10) * 10;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      sends.push(p.publishAsync(`flood/${i % 4}`, JSON.stringify({ seq: i, v: i * 0.5 }), { qos: 1 }));
    }
    await Promise.all(sends);
    await until(() => rows.length >= total, `${total} samples`, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const seqs = new Set<number>();
    for (const r of rows) {
      const key = Object.keys(r).find((k) => k.endsWith('/seq')) as string;
      const seq = r[key];
      expect(r[key.replace('/seq', '/v')]).toBe(seq * 0.5);
      seqs.add(seq);
    }
    expect(rows.length).toBe(total);
    expect(seqs.size).toBe(total);
    expect(src.status().counts).toMatchObject({ samples: total, rejected: 0, dropped: 0 });
  });

  it('broker restart: disconnected with a gap, reconnected within a few seconds, reads again', async () => {
    const b = await broker();
    const { src, rows, gaps, states } = source({ url: b.url, topics: ['r/+'] });
    await src.start();
    pub(b, 'r/a', '1');
    await until(() => rows.length === 1, 'the first sample');
    await b.stop();
    await until(() => src.status().state === 'disconnected' || src.status().state === 'reconnecting', 'disconnected', 5000);
    expect(gaps).toEqual([{ t: expect.any(Number) as number, afterRows: 1 }]);
    expect(src.status().lastError?.code).toBe('DISCONNECTED');
    await new Promise((r) => setTimeout(r, 3000)); // down a while: the backoff reaches its cap
    const back = Date.now();
    await b.start();
    await until(() => src.status().state === 'connected', 'reconnected', 6000);
    expect(states.at(-1)?.at).toBeGreaterThanOrEqual(back);
    pub(b, 'r/a', '2');
    await until(() => rows.length === 2, 'a sample after the restart');
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
    expect(src.status().counts.reconnects).toBe(1);
    expect(gaps).toHaveLength(1);
  });

  it('reads over a WebSocket (ws://)', async () => {
    const b = await broker({ websockets: true });
    const { src, rows } = source({ url: b.wsUrl as string, topics: ['ws/t'] });
    await src.start();
    pub(b, 'ws/t', '42');
    await until(() => rows.length === 1, 'a sample');
    expect(rows).toEqual([{ t: 42 }]);
  });
});
