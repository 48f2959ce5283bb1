// One connection to the broker (main/sources/mqtt-connect.ts, through the MQTT source) against a
// real mosquitto: bad credentials, an unreachable broker, and mqtts:// with a CA made in the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';

import type { EngineError } from '../../../shared/errors';
import { freePort } from '../../support/mosquitto';
import { mqttKit, pub, until } from '../../support/mqtt-kit';

const { broker, source, defer, cleanup } = mqttKit();
afterEach(() => cleanup());

describe('connecting to mosquitto', () => {
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
    defer(() => publish.endAsync(true));
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
});
