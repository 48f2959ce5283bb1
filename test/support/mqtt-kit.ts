// Test support: the MQTT source against a real broker, shared by the source tests
// (test/main/sources/mqtt-source.test.ts) and the connection tests (mqtt-connect.test.ts): a
// mosquitto, an mqtt.js publisher and a source that records what it delivers, each cleaned up
// after the test; mosquitto_pub for publishing as a device would.
//
// API:
//   const kit = mqttKit(); afterEach(() => kit.cleanup());
//   const b = await kit.broker({ users: {...} });  const p = await kit.publisher(b.url);
//   const { src, rows, gaps, states, errors } = kit.source({ url: b.url, topics: ['x'] });
//   await until(() => rows.length === 1, 'a sample');  pub(b, 'topic', '42');
import { execFileSync } from 'node:child_process';

import { connectAsync, type MqttClient } from 'mqtt';

import { MqttSource, type MqttSourceOptions } from '../../main/sources/mqtt-source';
import type { SourceBatch } from '../../main/sources/source';
import type { MqttSpec } from '../../shared/api/contract';
import type { SourceStatus } from '../../shared/source-status';

import { startMosquitto, type Mosquitto, type MosquittoOptions } from './mosquitto';

export function mqttKit() {
  const cleanups: (() => Promise<void>)[] = [];

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

  return {
    broker,
    publisher,
    source,
    /** Registers more clean-up (run last-in first-out by cleanup()). */
    defer: (fn: () => Promise<void>) => cleanups.push(fn),
    async cleanup(): Promise<void> {
      while (cleanups.length) await cleanups.pop()?.();
    },
  };
}

export async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Publishes with mosquitto_pub at QoS 1; `null` sends an empty message. */
export function pub(b: Mosquitto, topic: string, message: string | null, extra: string[] = []): void {
  execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(b.port), '-q', '1', '-t', topic, ...(message === null ? ['-n'] : ['-m', message]), ...extra]);
}
