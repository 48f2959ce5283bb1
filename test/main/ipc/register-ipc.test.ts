// Electron IPC with Electron mocked: every command registered, the sender's frame checked before
// anything else, payloads validated, errors kept as values with their code (FAULTS 26, 27).
import { beforeEach, describe, expect, it } from 'vitest';

import { registerIpc, sendEvent } from '../../../main/ipc/register-ipc';
import { CHANNEL_PREFIX, COMMAND_NAMES, EVENT_CHANNEL, fail, ok, type CommandHandlers } from '../../../shared/api/contract';
import { EngineError } from '../../../shared/errors';
import { electronFake, recorded, resetElectronFake, FakeWebContents } from '../../setup/electron-fake';

const calls: { name: string; params: unknown }[] = [];

function handlers(): CommandHandlers {
  const map: Record<string, (p: unknown) => Promise<unknown>> = {};
  for (const name of COMMAND_NAMES) {
    map[name] = async (params) => {
      calls.push({ name, params });
      if (name === 'openSource') return fail('PORT_BUSY', 'Port /dev/ttyACM0 is busy', 'Close the Serial Monitor.');
      if (name === 'listModels') throw new Error('disk on fire');
      if (name === 'closeSource') throw new EngineError('DISCONNECTED', 'Port /dev/ttyACM0 went away');
      return ok({ echo: params });
    };
  }
  return map as unknown as CommandHandlers;
}

const topFrame = { senderFrame: { url: 'app://sensorcast/index.html', parent: null } };
const invoke = (name: string, event: unknown, params?: unknown) => recorded.ipcHandlers.get(`${CHANNEL_PREFIX}${name}`)!(event, params) as Promise<{ ok: boolean; error?: { code: string; message: string; hint?: string } }>;

beforeEach(() => {
  resetElectronFake();
  calls.length = 0;
  registerIpc(electronFake.ipcMain as never, handlers());
});

describe('IPC', () => {
  it('registers one handler per command, and removes them', () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(COMMAND_NAMES.map((n) => `${CHANNEL_PREFIX}${n}`).sort());
  });

  it('refuses messages from another origin, an iframe or no frame, before any handler runs', async () => {
    for (const event of [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://sensorcast/index.html', parent: { url: 'app://sensorcast/index.html' } } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { senderFrame: null },
    ]) {
      const r = await invoke('listPorts', event);
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('forbidden');
    }
    expect(calls).toEqual([]);
  });

  it('validates payloads before the handler sees them', async () => {
    for (const bad of [{ kind: 'serial', path: '../../etc/passwd', baudRate: 9600 }, JSON.parse('{"kind":"demo","__proto__":{"x":1}}'), { kind: 'demo', extra: true }, 'x'.repeat(10)]) {
      const r = await invoke('openSource', topFrame, bad);
      expect(r.error!.code).toBe('invalid-payload');
    }
    expect(calls).toEqual([]);
  });

  it('passes valid payloads and keeps error codes and hints (FAULTS 27)', async () => {
    const r = await invoke('openSource', topFrame, { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 });
    expect(r).toEqual({ ok: false, error: { code: 'PORT_BUSY', message: 'Port /dev/ttyACM0 is busy', hint: 'Close the Serial Monitor.' } });
    expect(calls).toEqual([{ name: 'openSource', params: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 } }]);
  });

  it('turns a thrown bug into an internal error value (never a rejected invoke)', async () => {
    const r = await invoke('listModels', topFrame);
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe('internal');
    expect(r.error!.message).toContain('disk on fire');
  });

  it('an expected failure thrown by a handler keeps its code and hint (one toAppError)', async () => {
    const r = await invoke('closeSource', topFrame);
    expect(r).toEqual({ ok: false, error: { code: 'DISCONNECTED', message: 'Port /dev/ttyACM0 went away', hint: expect.stringContaining('unplugged') } });
  });

  it('sends events on the one event channel, not to destroyed windows', () => {
    const contents = new FakeWebContents();
    sendEvent(contents as never, { event: 'menu', payload: 'train' });
    contents.destroyed = true;
    sendEvent(contents as never, { event: 'menu', payload: 'train' });
    expect(contents.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ event: 'menu', payload: 'train' }] }]);
  });
});
