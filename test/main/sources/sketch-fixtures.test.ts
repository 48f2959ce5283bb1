// The serial source on what popular example sketches print (test/fixtures/sketches), through a
// real socat pty: every data line arrives as a sample with its channels and units, text lines are
// counted as rejected and never become zeros, and the status says "N lines could not be read"
// (not "check the baud rate") when only text arrives.
import { closeSync, constants, openSync, writeSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import type { ErrorValue } from '../../../shared/errors';
import { SerialSource } from '../../../main/sources/serial-source';
import type { SourceBatch } from '../../../main/sources/source';
import { SKETCH_FIXTURES, sketchLines } from '../../fixtures/sketches/sketches';
import { startPtyPair, type PtyPair } from '../../support/socat-pty';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function pty(): Promise<PtyPair> {
  const p = await startPtyPair();
  cleanups.push(() => p.dispose());
  return p;
}

/** The board's end of the cable: writes bytes as a sketch's Serial.print would. */
function board(p: PtyPair): (bytes: Buffer) => void {
  const fd = openSync(p.simPath, constants.O_RDWR | constants.O_NOCTTY);
  cleanups.push(() => closeSync(fd));
  return (bytes) => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
  };
}

function listen(source: SerialSource) {
  const rows: Record<string, number>[] = [];
  const errors: ErrorValue[] = [];
  source.on('samples', (b: SourceBatch) => {
    for (const s of b.samples) {
      const row: Record<string, number> = {};
      b.channels.forEach((c, i) => {
        if (!Number.isNaN(s.values[i])) row[c] = s.values[i];
      });
      rows.push(row);
    }
  });
  source.on('error', (e) => errors.push(e));
  cleanups.push(() => source.stop());
  return { rows, errors };
}

async function until(test: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SerialSource on example sketches over a socat pty', () => {
  it.each(SKETCH_FIXTURES.map((f) => [f.file, f] as const))('%s: every data line a sample with its channels and units, text counted, 0 lost, 0 zeros invented', async (_, fixture) => {
    const p = await pty();
    const source = new SerialSource({ path: p.devPath, baudRate: fixture.baudRate }, { allowPty: true, watchIntervalMs: 50 });
    const got = listen(source);
    await source.start();
    const write = board(p);
    // The tail of a line the board was printing when the port opened: dropped, as after any open.
    const torn = 'x: 73.58°F\r\n';
    const bytes = Buffer.from(torn + sketchLines(fixture).map((l) => `${l}\r\n`).join(''), 'utf8');
    // Two writes, the second starting inside a multi-byte character where the fixture has one.
    const degree = bytes.indexOf(Buffer.from('°', 'utf8'), Buffer.byteLength(torn));
    const cut = degree > 0 ? degree + 1 : bytes.length >> 1;
    write(bytes.subarray(0, cut));
    await sleep(30);
    write(bytes.subarray(cut));

    const status = () => source.status();
    await until(() => got.rows.length >= fixture.samples.length && status().counts.rejected >= fixture.text.length, `${fixture.file} decoded`);
    await sleep(300); // nothing more may arrive
    expect(got.rows).toEqual(fixture.samples);
    expect(status().counts.samples).toBe(fixture.samples.length);
    expect(status().counts.rejected).toBe(fixture.text.length);
    expect(status().channels).toEqual(Object.keys(fixture.channels));
    expect(status().units).toEqual(Object.fromEntries(Object.entries(fixture.channels).filter(([, u]) => u !== '')));
    // Readable text between samples is neither noise nor worth a warning.
    expect(got.errors).toEqual([]);
    expect(status().lastError).toBeNull();
  });

  it('a DHT sensor that fails to read (text only): "N lines could not be read" with the last lines shown, no baud-rate hint', async () => {
    const p = await pty();
    const source = new SerialSource({ path: p.devPath, baudRate: 9600 }, { allowPty: true, watchIntervalMs: 50 });
    const got = listen(source);
    await source.start();
    const write = board(p);
    write(Buffer.from('\r\nDHTxx test!\r\n'));
    const long = `Failed to read from DHT sensor! ${'retrying '.repeat(30)}`;
    const started = Date.now();
    for (let i = 0; Date.now() - started < 2600; i++) {
      write(Buffer.from(`${i === 4 ? long : 'Failed to read from DHT sensor!'}\r\n`));
      await sleep(150);
    }
    await until(() => source.status().lastError?.code === 'UNREADABLE_LINES', 'UNREADABLE_LINES');
    const error = source.status().lastError as ErrorValue;
    expect(error.message).toMatch(/: \d+ lines could not be read; the last: "Failed to read from DHT sensor!"/);
    // The long line is shown shortened; the message stays short.
    expect(error.message).not.toContain('retrying retrying retrying retrying retrying retrying retrying');
    expect(error.message.length).toBeLessThan(300);
    expect(error.hint).toMatch(/text, not values/);
    expect(got.errors.map((e) => e.code)).toEqual(['UNREADABLE_LINES']);
    expect(source.status().counts.samples).toBe(0);
    expect(got.rows).toEqual([]);

    // The sensor comes back: its lines decode again.
    write(Buffer.from('Humidity: 41.00%  Temperature: 23.10°C 73.58°F  Heat index: 22.89°C 73.20°F\r\n'));
    await until(() => got.rows.length === 1, 'a sample after the failures');
    expect(got.rows[0]).toEqual({ Humidity: 41, 'Temperature °C': 23.1, 'Temperature °F': 73.58, 'Heat index °C': 22.89, 'Heat index °F': 73.2 });
  });
});
