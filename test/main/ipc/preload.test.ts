// The preload exposes exactly the typed API (one method per command plus `on`), nothing raw.
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

import { CHANNEL_PREFIX, COMMAND_NAMES, EVENT_CHANNEL, type AppApi } from '../../../shared/api/contract';
import { recorded, resetElectronFake } from '../../setup/electron-fake';

let api: AppApi;
let prefix: string;
let eventChannel: string;

beforeAll(async () => {
  resetElectronFake();
  const mod = await import('../../../main/preload/index');
  prefix = mod.PRELOAD_CHANNEL_PREFIX;
  eventChannel = mod.PRELOAD_EVENT_CHANNEL;
  api = recorded.exposed.get('sensorcast') as AppApi;
});

describe('preload', () => {
  it('exposes window.sensorcast with exactly the contract methods', () => {
    expect([...recorded.exposed.keys()]).toEqual(['sensorcast']);
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(prefix).toBe(CHANNEL_PREFIX);
    expect(eventChannel).toBe(EVENT_CHANNEL);
  });

  it('invokes one channel per command with the params', async () => {
    await api.openSource({ kind: 'demo' });
    await api.listPorts();
    expect(recorded.invoked).toEqual([
      { channel: 'sensorcast:openSource', args: [{ kind: 'demo' }] },
      { channel: 'sensorcast:listPorts', args: [undefined] },
    ]);
  });

  it('hands listeners the payload only (never the IPC event) and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('status', (s) => got.push(s));
    const listeners = () => recorded.rendererListeners.get(EVENT_CHANNEL) ?? [];
    const ipcEvent = { sender: { send: () => undefined } };
    for (const l of listeners()) l(ipcEvent, { event: 'status', payload: { state: 'connected' } });
    for (const l of listeners()) l(ipcEvent, { event: 'samples', payload: { t: [] } });
    expect(got).toEqual([{ state: 'connected' }]);
    off();
    expect(listeners()).toHaveLength(0);
  });
});

describe('preload bundle', () => {
  it('loads nothing but electron at run time (a sandboxed preload cannot require zod or the app)', async () => {
    const out = await build({ entryPoints: ['main/preload/index.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'silent' });
    const code = out.outputFiles[0].text;
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });
});
