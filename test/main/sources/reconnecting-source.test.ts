// The reconnect loop every reconnecting source shares (main/sources/reconnecting-source.ts), on a
// small in-memory source whose attempts a test scripts: what a loss reports, that a reason is
// reported once however many tries fail with it, the count, and stop() during an attempt. The
// serial and MQTT sources run the same loop against socat ptys and mosquitto in their own tests.
import { describe, expect, it } from 'vitest';

import { ReconnectingSource } from '../../../main/sources/reconnecting-source';
import type { GapReason } from '../../../main/sources/source';
import { errorValue, type EngineErrorCode, type ErrorValue } from '../../../shared/errors';
import { createLogger } from '../../../shared/logger';

type Step = 'ok' | 'nothing' | EngineErrorCode | Promise<void>;

/** A source whose link is a flag; each reconnect attempt takes the next scripted step. */
class ScriptedSource extends ReconnectingSource {
  open = false;
  closed = 0;
  steps: Step[] = [];
  failFirst: EngineErrorCode | null = null;

  constructor() {
    super('serial', 'fake', { backoffMs: 5, maxBackoffMs: 20, tickMs: 1000, log: createLogger('test') });
  }

  unplug(reason: 'disconnected' | 'stalled' = 'disconnected'): void {
    this.lost(reason, 'unplugged');
  }

  protected async connect(): Promise<void> {
    if (this.failFirst) throw new Error(this.failFirst);
    this.open = true;
  }

  protected async reconnectOnce(): Promise<string | null> {
    const step = this.steps.shift() ?? 'ok';
    if (step === 'nothing') return null;
    if (step instanceof Promise) await step;
    else if (step !== 'ok') throw new Error(step);
    this.open = true;
    return '';
  }

  protected async close(): Promise<void> {
    if (this.open) this.closed++;
    this.open = false;
  }

  protected async dropLost(): Promise<void> {
    this.open = false;
  }

  protected isOpen(): boolean {
    return this.open;
  }

  protected classify(err: unknown): ErrorValue {
    return errorValue((err as Error).message as EngineErrorCode, `fake: ${(err as Error).message}`);
  }

  protected tick(): void {}
}

function watch(source: ScriptedSource) {
  const seen = { gaps: [] as GapReason[], errors: [] as string[], states: [] as string[] };
  source.on('gap', (_t, reason) => seen.gaps.push(reason));
  source.on('error', (e) => seen.errors.push(e.code));
  source.on('status', (s) => {
    if (seen.states[seen.states.length - 1] !== s.state) seen.states.push(s.state);
  });
  return seen;
}

async function until(ok: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 3000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ReconnectingSource', () => {
  it('a loss: one gap, disconnected with its hint, then tries until it connects; a reason that repeats is reported once', async () => {
    const source = new ScriptedSource();
    const seen = watch(source);
    await source.start();
    source.steps = ['nothing', 'PORT_BUSY', 'PORT_BUSY', 'PORT_BUSY', 'ok'];
    source.unplug();
    source.unplug(); // the same loss noticed twice (close and error events): handled once
    expect(source.status().lastError).toMatchObject({ code: 'DISCONNECTED', message: 'fake: unplugged', hint: expect.stringMatching(/reconnects/) });
    await until(() => source.status().state === 'connected', 'reconnected');
    expect(seen.gaps).toEqual(['disconnected']);
    expect(seen.errors).toEqual(['DISCONNECTED', 'PORT_BUSY']);
    expect(seen.states).toEqual(['connecting', 'connected', 'disconnected', 'reconnecting', 'connected']);
    expect(source.status().counts.reconnects).toBe(1);
    expect(source.status().lastError).toBeNull();
    await source.stop();
  });

  it('a stall is a gap and a STALLED error', async () => {
    const source = new ScriptedSource();
    const seen = watch(source);
    await source.start();
    source.unplug('stalled');
    await until(() => source.status().state === 'connected', 'reconnected');
    expect(seen.gaps).toEqual(['stalled']);
    expect(seen.errors).toEqual(['STALLED']);
    await source.stop();
  });

  it('stop() during an attempt: what the attempt opened is closed, nothing is counted, it stays closed', async () => {
    const source = new ScriptedSource();
    await source.start();
    let finish = () => {};
    source.steps = [new Promise<void>((r) => (finish = r))];
    source.unplug();
    await until(() => source.status().state === 'reconnecting', 'an attempt');
    await source.stop();
    finish();
    await until(() => source.closed === 1, 'the late connection closed');
    await new Promise((r) => setTimeout(r, 50));
    expect(source.status()).toMatchObject({ state: 'closed', counts: { reconnects: 0 } });
    expect(source.open).toBe(false);
  });

  it('a failed first connect rejects with the classified error, stays closed, and may start again', async () => {
    const source = new ScriptedSource();
    source.failFirst = 'PERMISSION_DENIED';
    await expect(source.start()).rejects.toMatchObject({ name: 'EngineError', code: 'PERMISSION_DENIED', message: 'fake: PERMISSION_DENIED' });
    expect(source.status()).toMatchObject({ state: 'closed', lastError: { code: 'PERMISSION_DENIED' } });
    source.unplug(); // nothing to lose: no gap, no reconnect
    source.failFirst = null;
    await source.start();
    expect(source.status().state).toBe('connected');
    await source.stop();
  });
});
