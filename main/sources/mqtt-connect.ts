// MQTT source helper: one connection to the broker through mqtt.js (CONNACK, then every topic
// subscribed), and the CA file of an mqtts:// or wss:// broker read up front. Rejects with what
// went wrong (mqtt-errors.ts classifies it). Called by mqtt-source.ts, once per (re)connect.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { connect, type IClientOptions, type MqttClient } from 'mqtt';

import type { MqttSpec } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';
import { EngineError } from '../../shared/errors';

const log = createLogger('mqtt');

export interface BrokerConnectOptions {
  /** How long to wait for the broker's answer (CONNACK), in ms. */
  connectTimeoutMs: number;
  /** MQTT keepalive, in seconds. */
  keepaliveS: number;
  /** The CA's PEM (readCaFile), for a broker whose certificate the system's CAs do not sign. */
  ca?: Buffer;
}

/** The CA file of `spec.tls`, if any; TLS_FAILED naming the file when it cannot be read. */
export async function readCaFile(spec: MqttSpec, label: string): Promise<Buffer | undefined> {
  const path = spec.tls?.caPath;
  if (!path) return undefined;
  try {
    return await readFile(path);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new EngineError('TLS_FAILED', `${label}: cannot read the CA file ${path} (${why})`, 'Give the PEM file of the CA that signed the broker\'s certificate (mosquitto: cafile).');
  }
}

/** Connects and subscribes to `spec.topics`; the client is ended again when either fails. */
export async function connectBroker(spec: MqttSpec, label: string, options: BrokerConnectOptions): Promise<MqttClient> {
  const clientOptions: IClientOptions = {
    clientId: `sensorcast-${randomBytes(6).toString('hex')}`,
    username: spec.username,
    password: spec.password,
    reconnectPeriod: 0,
    connectTimeout: options.connectTimeoutMs,
    keepalive: options.keepaliveS,
    clean: true,
    resubscribe: false,
    ca: options.ca,
    // Why configurable: a test broker with a self-signed certificate; the default checks it.
    rejectUnauthorized: spec.tls?.rejectUnauthorized ?? true,
  };
  const client = connect(spec.url, clientOptions);
  // An EventEmitter throws on an `error` nobody listens to; the connect wait below listens too.
  client.on('error', (err: Error) => log.debug(`${label}: ${err.message}`));
  try {
    await new Promise<void>((resolve, reject) => {
      const done = (err?: unknown) => {
        client.off('connect', onConnect).off('error', done).off('close', onClose);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onConnect = () => done();
      const onClose = () => done(new Error('the broker closed the connection before accepting it'));
      client.on('connect', onConnect).on('error', done).on('close', onClose);
    });
    const granted = await client.subscribeAsync(spec.topics, { qos: spec.qos ?? 1 });
    const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
    // Why: a broker refuses a topic (an ACL) with a code, not an error; reading nothing silently would look like a dead sensor.
    if (refused.length > 0) throw new EngineError('NOT_AUTHORIZED', `${label}: the broker refused the subscription to ${refused.join(', ')}`);
  } catch (err) {
    client.end(true);
    throw err;
  }
  return client;
}
