// The serial source against real pseudo-terminals from socat, fed by the Arduino simulator.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { EngineError } from '../../../shared/errors';
import type { SourceStatus } from '../../../shared/source-status';
import { SerialSource, findReplugged, type SerialSourceOptions } from '../../../main/sources/serial-source';
import type { SourceBatch } from '../../../main/sources/source';
import { ArduinoSim, SIM_FORMATS, expectedTemp, seqOf } from '../../support/arduino-sim';
import { startPtyPair, type PtyPair } from '../../support/socat-pty';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function pty(): Promise<PtyPair> {
  const p = await startPtyPair();
  cleanups.push(() => p.dispose());
  return p;
}

function track(source: SerialSource) {
  const seqs: number[] = [];
  const times: number[] = [];
  const bad: string[] = [];
  const gaps: { t: number; afterSeqs: number }[] = [];
  const states: { state: SourceStatus['state']; at: number }[] = [];
  source.on('samples', (b: SourceBatch) => {
    for (const s of b.samples) {
      const { seq, temp } = seqOf(b.channels, s.values);
      if (Math.abs(temp - expectedTemp(seq)) > 1e-9) bad.push(`seq ${seq}: temp ${temp}`);
      seqs.push(seq);
      times.push(s.t);
    }
  });
  source.on('gap', (t) => gaps.push({ t, afterSeqs: seqs.length }));
  source.on('status', (s) => states.push({ state: s.state, at: Date.now() }));
  cleanups.push(() => source.stop());
  return { seqs, times, bad, gaps, states };
}

async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The sequence numbers missing between the first and last received ones. */
function missing(seqs: number[]): number[] {
  const got = new Set(seqs);
  const out: number[] = [];
  for (let s = seqs[0]; s <= seqs[seqs.length - 1]; s++) if (!got.has(s)) out.push(s);
  return out;
}

describe('SerialSource over a socat pty', () => {
  it.each(SIM_FORMATS)('format %s at 1,200 lines/s: every sent sample arrives decoded, none lost', async (format) => {
    const p = await pty();
    const sim = new ArduinoSim({ path: p.simPath, format, linesPerSecond: 1200, count: 1200 });
    const source = new SerialSource({ path: p.devPath, baudRate: 115200 }, { allowPty: true });
    const got = track(source);
    await source.start();
    sim.start();
    cleanups.push(() => sim.stop());
    await until(() => got.seqs.includes(1199), `line 1199 in format ${format}`);
    expect(got.bad).toEqual([]);
    // Only the first line after the open may be dropped (it may be cut in half).
    expect(got.seqs[0]).toBeLessThanOrEqual(1);
    expect(missing(got.seqs)).toEqual([]);
    expect(new Set(got.seqs).size).toBe(got.seqs.length);
    expect(source.status().counts.rejected).toBe(0);
    if (format === 'units') expect(source.status().units).toEqual({ temp: 'C', hum: '%' });
    // Lines that arrived together get increasing receive times, not one shared time.
    for (let i = 1; i < got.times.length; i++) expect(got.times[i]).toBeGreaterThanOrEqual(got.times[i - 1]);
    expect(new Set(got.times).size).toBeGreaterThan(got.times.length * 0.9);
    if (format === 'wide') expect(source.status().channels).toHaveLength(40);
  });

  it('unplug mid-stream (socat killed, no close event needed): disconnected within 2 s, reconnects on replug, gap marker, nothing lost outside the gap', async () => {
    const p = await pty();
    const sim = new ArduinoSim({ path: p.simPath, format: 'labelled', linesPerSecond: 1000 });
    const source = new SerialSource({ path: p.devPath, baudRate: 115200 }, { allowPty: true });
    const got = track(source);
    await source.start();
    sim.start();
    cleanups.push(() => sim.stop());
    await until(() => got.seqs.length > 500, '500 samples');

    const unpluggedAt = Date.now();
    await p.unplug('SIGKILL');
    await until(() => source.status().state === 'disconnected' || source.status().state === 'reconnecting', 'disconnected');
    const noticed = got.states.find((s) => s.state === 'disconnected' && s.at >= unpluggedAt);
    expect(noticed).toBeDefined();
    expect((noticed?.at ?? Infinity) - unpluggedAt).toBeLessThan(2000);
    expect(source.status().lastError?.code).toBe('DISCONNECTED');
    const before = got.seqs.length;
    await new Promise((r) => setTimeout(r, 700));

    await p.replug();
    await until(() => source.status().state === 'connected', 'reconnected');
    await until(() => got.seqs.length > before + 500, '500 samples after the replug');
    await sim.stop();

    expect(source.status().counts.reconnects).toBe(1);
    expect(got.gaps).toHaveLength(1);
    expect(got.gaps[0].afterSeqs).toBe(before);
    expect(got.bad).toEqual([]);
    // The missing samples form one run, exactly at the gap: nothing is lost on either side of it.
    const lost = missing(got.seqs);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[lost.length - 1] - lost[0] + 1).toBe(lost.length);
    expect(lost[0]).toBe(got.seqs[before - 1] + 1);
    expect(lost[lost.length - 1]).toBe(got.seqs[before] - 1);
  });

  it('data stops while the port stays open: stalled, then closed and reopened', async () => {
    const p = await pty();
    const sim = new ArduinoSim({ path: p.simPath, linesPerSecond: 200, count: 100 });
    const source = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true, stallMs: 400, stallReopenMs: 1200 });
    const got = track(source);
    await source.start();
    sim.start();
    cleanups.push(() => sim.stop());
    await until(() => got.states.some((s) => s.state === 'stalled'), 'stalled');
    expect(source.status().lastError?.code).toBe('STALLED');
    await until(() => source.status().counts.reconnects >= 1, 'reopened after the stall');
    expect(got.gaps.length).toBeGreaterThanOrEqual(1);
  });

  it('a port that has not sent anything yet is reported stalled but not reopened (a reopen would reset the board)', async () => {
    const p = await pty();
    const source = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true, stallMs: 200, stallReopenMs: 400 });
    const got = track(source);
    await source.start();
    await until(() => got.states.some((s) => s.state === 'stalled'), 'stalled');
    await new Promise((r) => setTimeout(r, 900));
    expect(source.status()).toMatchObject({ state: 'stalled', counts: { reconnects: 0 } });
    expect(got.gaps).toEqual([]);
  });

  it('wrong baud rate: garbage without newlines is capped and counted as rejected, memory flat, a "check the baud rate" hint', async () => {
    const p = await pty();
    const sim = new ArduinoSim({ path: p.simPath, linesPerSecond: 2000, garbage: true });
    const source = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true, maxLineLength: 256 });
    const got = track(source);
    await source.start();
    sim.start();
    cleanups.push(() => sim.stop());
    await until(() => source.status().lastError?.code === 'BAUD_MISMATCH', 'BAUD_MISMATCH', 8000);
    const status = source.status();
    expect(status.lastError?.hint).toMatch(/baud rate/);
    expect(status.counts.rejected).toBeGreaterThan(10);
    expect(status.counts.samples).toBe(0);
    expect(got.seqs).toEqual([]);
    const heap = process.memoryUsage().heapUsed;
    const rejected = status.counts.rejected;
    await until(() => source.status().counts.rejected > rejected + 200, 'more rejected lines');
    // ~40 kB/s of garbage keeps arriving; the framer holds at most one capped line.
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(20 * 1024 * 1024);
  });

  it('the Arduino resets on open (DTR): boot noise and a banner are not taken as data', async () => {
    const p = await pty();
    const noise = '\u00f8\u00ff\u0000\u00fe\u0010\u00e0\r\n\u00ff\u00fe\u0001xx\r\nDHT22 sensor demo v1.2 starting...\r\nReady!\r\n';
    const sim = new ArduinoSim({ path: p.simPath, format: 'labelled', linesPerSecond: 1000, count: 500, preamble: noise });
    const source = new SerialSource({ path: p.devPath, baudRate: 115200, dtr: true }, { allowPty: true });
    const got = track(source);
    await source.start();
    sim.start();
    cleanups.push(() => sim.stop());
    await until(() => got.seqs.includes(499), 'line 499');
    expect(source.status().channels).toEqual(['seq', 'temp', 'hum']);
    expect(got.bad).toEqual([]);
    expect(missing(got.seqs)).toEqual([]);
    expect(got.seqs[0]).toBe(0);
    // The noise lines were counted as rejected, not turned into samples.
    expect(source.status().counts.rejected).toBeGreaterThanOrEqual(2);
  });

  it('no such port: NO_SUCH_PORT with a hint to list ports', async () => {
    const source = new SerialSource({ path: '/tmp/sensorcast-no-such-port', baudRate: 9600 });
    await expect(source.start()).rejects.toMatchObject({ code: 'NO_SUCH_PORT', hint: expect.stringMatching(/sensorcast ports/) });
    expect(source.status().state).toBe('closed');
  });

  it('port busy: a second open of the same port fails with PORT_BUSY', async () => {
    const p = await pty();
    const first = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true });
    track(first);
    await first.start();
    const second = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true });
    await expect(second.start()).rejects.toMatchObject({ code: 'PORT_BUSY', hint: expect.stringMatching(/Serial Monitor/) });
  });

  it('not a serial port (a file, /dev/ptmx, /dev/null, a pty not allowed): the same answer as a missing port, nothing opened', async () => {
    const p = await pty();
    const answer = async (path: string, options: SerialSourceOptions = {}) => {
      const source = new SerialSource({ path, baudRate: 9600 }, { listPorts: async () => [], ...options });
      const err = (await source.start().catch((e: unknown) => e)) as EngineError;
      expect(source.status().state).toBe('closed');
      return { code: err.code, message: err.message.replace(path, 'PATH'), hint: err.hint };
    };
    const missing = await answer('/tmp/sensorcast-no-such-port');
    expect(missing).toMatchObject({ code: 'NO_SUCH_PORT', message: 'No such serial port: PATH' });
    for (const path of ['/etc/hostname', '/dev/ptmx', '/dev/null', '/dev/tty', p.devPath]) expect(await answer(path), path).toEqual(missing);
    // A link named like a port is judged by what it points to.
    const link = join(p.dir, 'ttyUSB9');
    symlinkSync('/dev/ptmx', link);
    expect(await answer(link)).toEqual(missing);
    // The pty opens when explicitly allowed, and a path the port list reports is accepted as it is.
    const allowed = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true });
    track(allowed);
    await allowed.start();
    await allowed.stop();
    const listed = new SerialSource({ path: p.devPath, baudRate: 9600 }, { listPorts: async () => [{ path: p.devPath }] });
    track(listed);
    await listed.start();
  });
});

describe('findReplugged', () => {
  const ports = [
    { path: '/dev/ttyACM1', serialNumber: 'ABC', vendorId: '2341', productId: '0043' },
    { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' },
  ];
  it('finds a replugged device at a new path by serial number, else by a unique VID:PID', () => {
    expect(findReplugged({ path: '/dev/ttyACM0', serialNumber: 'ABC' }, ports)).toBe('/dev/ttyACM1');
    expect(findReplugged({ path: '/dev/ttyUSB1', vendorId: '1a86', productId: '7523' }, ports)).toBe('/dev/ttyUSB0');
    expect(findReplugged({ path: '/dev/ttyUSB1', serialNumber: 'XYZ' }, ports)).toBeUndefined();
  });
});
