// The MQTT source against a real broker (Debian's mosquitto on a loopback port), fed by
// mosquitto_pub and by mqtt.js publishing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';

import type { EngineError } from '../../../shared/errors';
import type { SourceStatus } from '../../../shared/source-status';
import { MqttSource, type MqttSourceOptions } from '../../../main/sources/mqtt-source';
import type { SourceBatch } from '../../../main/sources/source';
import type { MqttSpec } from '../../../shared/api/contract';
import { freePort, startMosquitto, type Mosquitto, type MosquittoOptions } from '../../support/mosquitto';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function broker(options?: MosquittoOptions): Promise<Mosquitto> {
  const b = await startMosquitto(options);
  cleanups.push(() => b.dispose());
  return b;
}

async function publisher(url: string): Promise<MqttClient> {
  const client = await connectAsync(url, { reconnectPeriod: 0 });
  cleanups.push(() => client.endAsync(true));
  return client;
}

function source(spec: Omit<MqttSpec, 'kind'>, options: MqttSourceOptions = {}) {
  const src = new MqttSource({ kind: 'mqtt', ...spec }, { batchMs: 20, rejectReportMs: 0, ...options });
  const rows: Record<string, number>[] = [];
  const samples: { t: number }[] = [];
  const gaps: { t: number; afterRows: number }[] = [];
  const states: { state: SourceStatus['state']; at: number }[] = [];
  const errors: string[] = [];
  src.on('samples', (b: SourceBatch) => {
    for (const s of b.samples) {
      const row: Record<string, number> = {};
      s.values.forEach((v, i) => {
        if (!Number.isNaN(v)) row[b.channels[i]] = v;
      });
      rows.push(row);
      samples.push({ t: s.t });
    }
  });
  src.on('gap', (t) => gaps.push({ t, afterRows: rows.length }));
  src.on('status', (s) => states.push({ state: s.state, at: Date.now() }));
  src.on('error', (e) => errors.push(e.code));
  cleanups.push(() => src.stop());
  return { src, rows, samples, gaps, states, errors };
}

async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Publishes with mosquitto_pub at QoS 1; `null` sends an empty message. */
function pub(b: Mosquitto, topic: string, message: string | null, extra: string[] = []): void {
  execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(b.port), '-q', '1', '-t', topic, ...(message === null ? ['-n'] : ['-m', message]), ...extra]);
}

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
    await src.start();
    for (const bad of ['{"temp":23.5', '{"temp":"warm"}', 'Failed to read from DHT sensor!', '[1,2]', '{"temp":1,"ts":"yesterday"}', '\u0001\u0002\u0003']) pub(b, 't/x', bad);
    pub(b, 't/x', null);
    pub(b, 't/x', '{"temp":0}');
    await until(() => rows.length === 1 && src.status().counts.rejected === 7, 'the good sample and 7 rejections');
    expect(rows).toEqual([{ 'x/temp': 0 }]);
    await until(() => errors.includes('UNREADABLE_PAYLOADS'), 'an UNREADABLE_PAYLOADS report');
    expect(src.status().lastError?.message).toMatch(/messages could not be read/);
    expect(src.status().lastError?.hint).toMatch(/JSON object of numbers/);
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

  it('bad credentials: BAD_CREDENTIALS with a hint, the password in no message; the right one connects', async () => {
    const b = await broker({ users: { ann: 's3cret-pw' } });
    const wrong = source({ url: b.url, topics: ['x'], username: 'ann', password: 'wrong-pw' }).src;
    const err = (await wrong.start().catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('BAD_CREDENTIALS');
    expect(err.hint).toMatch(/password/);
    expect(wrong.status()).toMatchObject({ state: 'closed', lastError: { code: 'BAD_CREDENTIALS' } });
    expect(JSON.stringify(wrong.status())).not.toContain('wrong-pw');
    expect(err.message).not.toContain('wrong-pw');

    const anonymous = source({ url: b.url, topics: ['x'] }).src;
    const refused = (await anonymous.start().catch((e: unknown) => e)) as EngineError;
    expect(refused.code).toBe('NOT_AUTHORIZED');
    expect(refused.hint).toMatch(/user name and password/);

    const right = source({ url: b.url, topics: ['x'], username: 'ann', password: 's3cret-pw' });
    await right.src.start();
    pub(b, 'x', '5', ['-u', 'ann', '-P', 's3cret-pw']);
    await until(() => right.rows.length === 1, 'a sample');
    expect(right.src.label).not.toContain('s3cret');
  });

  it('unreachable broker: BROKER_UNREACHABLE with a hint, at once', async () => {
    const port = await freePort();
    const { src } = source({ url: `mqtt://127.0.0.1:${port}`, topics: ['x'] });
    const err = (await src.start().catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('BROKER_UNREACHABLE');
    expect(err.hint).toMatch(/broker URL/);
    expect(src.status().state).toBe('closed');
  });

  it('mqtts:// with a self-signed CA: read with the CA file; without it TLS_FAILED; rejectUnauthorized false accepts it', async () => {
    const b = await broker({ tls: true });
    expect(b.url).toMatch(/^mqtts:\/\//);
    const trusted = source({ url: b.url, topics: ['tls/t'], tls: { caPath: b.caPath! } });
    await trusted.src.start();
    const publish = await connectAsync(b.url, { reconnectPeriod: 0, ca: readFileSync(b.caPath!) });
    cleanups.push(() => publish.endAsync(true));
    await publish.publishAsync('tls/t', '21.5', { qos: 1 });
    await until(() => trusted.rows.length === 1, 'a sample over TLS');
    expect(trusted.rows).toEqual([{ t: 21.5 }]);

    // The system's CAs do not sign the test CA: the handshake fails with a typed code and a hint.
    const untrusted = source({ url: b.url, topics: ['tls/t'] }).src;
    const err = (await untrusted.start().catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('TLS_FAILED');
    expect(err.message).toMatch(/self[- ]signed|unable to verify|certificate/i);
    expect(err.hint).toMatch(/CA certificate/);
    expect(untrusted.status().state).toBe('closed');

    const insecure = source({ url: b.url, topics: ['tls/t'], tls: { rejectUnauthorized: false } });
    await insecure.src.start();
    await publish.publishAsync('tls/t', '22', { qos: 1 });
    await until(() => insecure.rows.length === 1, 'a sample without checking the certificate');

    // A CA file that is not there is named, before any connection is tried.
    const missing = join(b.dir, 'no-such-ca.pem');
    const noCa = source({ url: b.url, topics: ['tls/t'], tls: { caPath: missing } }).src;
    const caErr = (await noCa.start().catch((e: unknown) => e)) as EngineError;
    expect(caErr.code).toBe('TLS_FAILED');
    expect(caErr.message).toContain(`cannot read the CA file ${missing} (ENOENT)`);
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
