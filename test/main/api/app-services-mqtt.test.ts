// The services with an MQTT source against a real mosquitto: opened through the API, its status
// kind `mqtt`, and remembered in the settings file without its password.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSession, type Session } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { sourceSpecSchema } from '../../../shared/api/contract';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto';

let dir: string;
let session: Session;
let broker: Mosquitto;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sensorcast-services-mqtt-'));
  broker = await startMosquitto({ users: { ann: 'pw-not-on-disk' } });
  session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps({ demoRate: 300 }) });
});

afterAll(async () => {
  await session.dispose();
  await broker.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `d`, read as text. */
function allText(d: string): string {
  return readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('an MQTT source through the API', () => {
  it('opens with its kind in the status and is remembered without its password', async () => {
    const opened = await session.handlers.openSource({ kind: 'mqtt', url: broker.url, topics: ['a/+'], username: 'ann', password: 'pw-not-on-disk', qos: 1 });
    expect(opened.ok && opened.value).toMatchObject({ kind: 'mqtt', state: 'connected', label: `MQTT: ${broker.url} a/+` });
    await new Promise((r) => setTimeout(r, 200));
    const onDisk = allText(dir);
    expect(onDisk).toContain(broker.url);
    expect(onDisk).not.toContain('pw-not-on-disk');
  });

  it('a wrong password is a value with BAD_CREDENTIALS and a hint; credentials in the URL are refused', async () => {
    const r = await session.handlers.openSource({ kind: 'mqtt', url: broker.url, topics: ['a/+'], username: 'ann', password: 'nope' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_CREDENTIALS', hint: expect.stringMatching(/password/) as string });
    const spec = { kind: 'mqtt', topics: ['a/+'] };
    expect(sourceSpecSchema.safeParse({ ...spec, url: 'mqtt://ann:pw@127.0.0.1:1883' }).success).toBe(false);
    expect(sourceSpecSchema.safeParse({ ...spec, url: 'http://127.0.0.1' }).success).toBe(false);
    expect(sourceSpecSchema.safeParse({ ...spec, url: broker.url, topics: ['a/#/b'] }).success).toBe(false);
    expect(sourceSpecSchema.safeParse({ ...spec, url: 'wss://broker.local:8884/mqtt', topics: ['a/+/c', '#'] }).success).toBe(true);
  });
});
