// Contract tests: every command and event has a schema, and hostile payloads (malformed,
// oversized, `../` paths, `__proto__`) are rejected before any handler runs (FAULTS 26, 27).
import { describe, expect, it } from 'vitest';

import {
  COMMAND_NAMES,
  EVENT_NAMES,
  MAX_UPLOAD_BYTES,
  UPLOAD_CHUNK_BYTES,
  commandSchemas,
  eventSchemas,
  fail,
  hasForbiddenKey,
  isCommandName,
  parseParams,
  type AppApi,
  type CommandName,
} from '../../../shared/api/contract';
import { decodeTable, encodeTable, fromBase64, toBase64 } from '../../../shared/api/wire';

describe('contract', () => {
  it('gives every command a params and a result schema', () => {
    expect(COMMAND_NAMES.length).toBeGreaterThanOrEqual(15);
    for (const name of COMMAND_NAMES) {
      expect(typeof commandSchemas[name].params.safeParse, name).toBe('function');
      expect(typeof commandSchemas[name].result.safeParse, name).toBe('function');
    }
  });

  it('a sample batch is the history shape (live rows with gaps) plus its source and counts, and bounded', () => {
    const rows = { channels: ['temp', 'hum'], t: [1, 2], values: [[20, null], [21, 40]], gaps: [1] };
    expect(commandSchemas.getHistory.result.safeParse(rows).success).toBe(true);
    expect(eventSchemas.samples.safeParse({ ...rows, sourceId: 'src-1', rejected: 0, dropped: 0 }).success).toBe(true);
    expect(eventSchemas.samples.safeParse(rows).success).toBe(false);
    expect(eventSchemas.samples.safeParse({ ...rows, sourceId: 'src-1', rejected: 0, dropped: 0, gaps: Array.from({ length: 10_001 }, (_, i) => i) }).success).toBe(false);
    expect(commandSchemas.getHistory.result.safeParse({ ...rows, gaps: [-1] }).success).toBe(false);
  });

  it('gives every event a schema', () => {
    expect(EVENT_NAMES.sort()).toEqual(['error', 'menu', 'monitor', 'samples', 'samplesMissed', 'status']);
    for (const name of EVENT_NAMES) expect(typeof eventSchemas[name].safeParse).toBe('function');
  });

  it('names exactly the AppApi methods (the preload cannot drift)', () => {
    // A compile-time check: an AppApi key that is not a command (except `on`) fails tsc.
    const keys: (keyof AppApi)[] = [...COMMAND_NAMES, 'on'];
    expect(new Set(keys).size).toBe(COMMAND_NAMES.length + 1);
    expect(isCommandName('listPorts')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
  });
});

describe('payload validation (FAULTS 26: malformed, oversized, ../, __proto__ rejected)', () => {
  const rejects = (name: CommandName, raw: unknown) => {
    const r = parseParams(name, raw);
    expect(r.ok, JSON.stringify(raw)?.slice(0, 200)).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-payload');
  };

  it('accepts well-formed payloads', () => {
    expect(parseParams('openSource', { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 }).ok).toBe(true);
    expect(parseParams('openSource', { kind: 'demo' }).ok).toBe(true);
    expect(parseParams('listPorts', undefined).ok).toBe(true);
    expect(parseParams('importFile', { path: 'C:\\logs\\run 1.csv' }).ok).toBe(true);
    expect(parseParams('setSettings', { horizon: 24 }).ok).toBe(true);
  });

  it('rejects malformed payloads', () => {
    rejects('openSource', { kind: 'serial', path: '/dev/ttyACM0' });
    rejects('openSource', { kind: 'serial', path: '/dev/ttyACM0', baudRate: '9600' });
    rejects('openSource', { kind: 'telnet' });
    rejects('openSource', 'demo');
    rejects('openSource', null);
    rejects('listPorts', { extra: 1 });
    rejects('importFile', { path: 42 });
    rejects('setSettings', { horizon: -1 });
    rejects('setSettings', { unknownSetting: true });
    rejects('saveModel', { name: 'm', manifest: {}, weights: 'not base64!' });
  });

  it('rejects ../ paths and NUL bytes', () => {
    rejects('importFile', { path: '../../etc/passwd' });
    rejects('importFile', { path: '/data/../../etc/shadow' });
    rejects('importFile', { path: 'logs\\..\\..\\secret.csv' });
    rejects('importFile', { path: '/tmp/a.csv\0.png' });
    rejects('openSource', { kind: 'replay', path: '../x.csv', speed: 1 });
    rejects('loadModel', { name: '../other' });
    rejects('loadModel', { name: '.hidden' });
    rejects('loadModel', { name: 'a/b' });
  });

  it('rejects __proto__, constructor and prototype keys at any depth', () => {
    rejects('openSource', JSON.parse('{"kind":"demo","__proto__":{"polluted":true}}'));
    rejects('setSettings', JSON.parse('{"source":{"kind":"demo","constructor":{"prototype":{"x":1}}}}'));
    rejects('saveModel', JSON.parse('{"name":"m","weights":"","manifest":{"a":{"__proto__":{"x":1}}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(hasForbiddenKey({ a: [{ b: 1 }, { prototype: 2 }] })).toBe(true);
    expect(hasForbiddenKey({ a: [1, 2, 3], b: 'x' })).toBe(false);
  });

  it('rejects oversized payloads', () => {
    rejects('uploadStart', { name: 'big.csv', bytes: MAX_UPLOAD_BYTES + 1 });
    rejects('uploadChunk', { uploadId: 'up-1', offset: 0, data: 'A'.repeat((UPLOAD_CHUNK_BYTES / 3) * 4 + 8) });
    rejects('uploadChunk', { uploadId: '../x', offset: 0, data: '' });
    rejects('importFile', { path: `/${'a'.repeat(5000)}` });
    rejects('exportForecasts', { suggestedName: 'f', channel: 'c', rows: [[1, 2, 3, 4, 5, 6, 7, 8]] });
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { a: deep };
    rejects('setSettings', deep);
  });

  it('keeps an error code across the boundary (FAULTS 27)', () => {
    const r = fail('PORT_BUSY', 'port /dev/ttyACM0 is busy', 'close the Serial Monitor');
    const across = JSON.parse(JSON.stringify(r)) as typeof r;
    expect(across).toEqual({ ok: false, error: { code: 'PORT_BUSY', message: 'port /dev/ttyACM0 is busy', hint: 'close the Serial Monitor' } });
  });
});

describe('wire encodings', () => {
  it('carries missing values as null and back as NaN, never 0', () => {
    const table = { time: Float64Array.from([0, 1000, 2000]), channels: [{ name: 'temp', unit: 'C', values: Float64Array.from([1.5, Number.NaN, 3]) }], intervalMs: 1000 };
    const wire = JSON.parse(JSON.stringify(encodeTable(table)));
    expect(wire.channels[0].values).toEqual([1.5, null, 3]);
    const back = decodeTable(wire);
    expect(Array.from(back.channels[0].values)).toEqual([1.5, Number.NaN, 3]);
    expect(back.channels[0].unit).toBe('C');
  });

  it('round-trips bytes through base64 like Node does', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000, 65537]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(fromBase64(text))).toEqual(Array.from(bytes));
    }
    expect(() => fromBase64('ab$d')).toThrow(RangeError);
  });
});

describe('the one source spec (issue 11 item 1)', () => {
  it('takes every field the CLI and the sources know, and nothing else', () => {
    expect(parseParams('openSource', { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, lineEnding: 'crlf', dtr: false }).ok).toBe(true);
    expect(parseParams('openSource', { kind: 'replay', path: 'data/log.csv', speed: 1, loop: true, rowsPerSecond: 50 }).ok).toBe(true);
    expect(parseParams('openSource', { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, lineEnding: 'nl' }).ok).toBe(false);
    expect(parseParams('openSource', { kind: 'replay', path: 'data/log.csv', speed: 1, rowsPerSecond: -1 }).ok).toBe(false);
    expect(parseParams('openSource', { kind: 'demo', rate: 5 }).ok).toBe(false);
  });
});
