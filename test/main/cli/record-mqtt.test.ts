// `sensorcast record --mqtt` as a user runs it, against a real mosquitto fed by mqtt.js.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { connectAsync } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { startMosquitto } from '../../support/mosquitto';
import { runCli } from '../../support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-record-mqtt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sensorcast record --mqtt', () => {
  it('records topics (user + password from the environment) to a CSV that importCsv reads, every message', async () => {
    const broker = await startMosquitto({ users: { farm: 'pw-from-env' } });
    const out = join(dir, 'mqtt.csv');
    const child = spawn(
      process.execPath,
      ['bin/sensorcast.js', 'record', '--mqtt', broker.url, '--topic', 'farm/+/state', '--username', 'farm', '--password-env', 'FARM_PW', '--out', out, '--duration', '4'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FARM_PW: 'pw-from-env' } },
    );
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not recording after 20 s; stderr: ${stderr}`)), 20_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('Recording')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(stderr).toContain(`Recording ${broker.url} farm/+/state to ${out}`);
      const pub = await connectAsync(broker.url, { username: 'farm', password: 'pw-from-env', reconnectPeriod: 0 });
      for (let i = 0; i < 100; i++) {
        await pub.publishAsync('farm/barn/state', JSON.stringify({ seq: i, temp: 20 + i / 10 }), { qos: 1 });
        await new Promise((r) => setTimeout(r, 20));
      }
      await pub.endAsync();
      expect(await exit).toBe(0);
      expect(stdout).toMatch(/^Recorded 100 samples \(0 rejected lines, 0 reconnects\)/);
      expect(stderr).not.toContain('pw-from-env');

      const { table, report } = await importCsv(out, { grid: false });
      expect(table.channels.map((c) => c.name)).toEqual(['barn/state/seq', 'barn/state/temp']);
      expect(report.ragged.count + report.badTime.count).toBe(0);
      const seq = table.channels[0].values;
      expect(Array.from(seq)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(table.channels[1].values[37]).toBeCloseTo(23.7, 9);
    } finally {
      child.kill('SIGKILL');
      await broker.dispose();
    }
  });

  it('bad credentials: one line with a hint, exit 2, no stack trace, no file', async () => {
    const broker = await startMosquitto({ users: { farm: 'right' } });
    const out = join(dir, 'refused.csv');
    try {
      process.env.SENSORCAST_TEST_PW = 'wrong';
      const r = await runCli('record', '--mqtt', broker.url, '--topic', 'x', '--username', 'farm', '--password-env', 'SENSORCAST_TEST_PW', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refused the user name or password[^\n]*\n {2}hint: /);
      expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
      expect(existsSync(out)).toBe(false);
    } finally {
      delete process.env.SENSORCAST_TEST_PW;
      await broker.dispose();
    }
  });

  it('mqtts:// with a self-signed certificate: refused without --ca, recorded with --ca or --insecure', async () => {
    const broker = await startMosquitto({ tls: true });
    try {
      const unchecked = await runCli('record', '--mqtt', broker.url, '--topic', 'x', '--out', join(dir, 'tls-none.csv'), '--duration', '1');
      expect(unchecked.code).toBe(2);
      expect(unchecked.stderr).toMatch(/self[- ]signed|unable to verify|certificate/i);
      for (const flags of [['--ca', broker.caPath!], ['--insecure']]) {
        const r = await runCli('record', '--mqtt', broker.url, '--topic', 'x', ...flags, '--out', join(dir, `tls${flags[0]}.csv`), '--duration', '1');
        expect(r.stderr, flags[0]).toContain(`Recording ${broker.url} x to `);
        expect(r.code, `${flags[0]}: ${r.stderr}`).toBe(0);
      }
    } finally {
      await broker.dispose();
    }
  });

  it.each([
    ['--insecure on a plain mqtt:// broker', ['--mqtt', 'mqtt://localhost', '--topic', 'x', '--insecure'], /--insecure applies to mqtts:\/\/ and wss:\/\/ brokers only/],
    ['credentials in the URL', ['--mqtt', 'mqtt://u:p@localhost', '--topic', 'x'], /no user name or password in the --mqtt URL/],
    ['no topic', ['--mqtt', 'mqtt://localhost'], /at least one --topic/],
    ['a bad topic filter', ['--mqtt', 'mqtt://localhost', '--topic', 'a/#/b'], /not a topic filter/],
    ['both --port and --mqtt', ['--port', '/dev/ttyACM0', '--mqtt', 'mqtt://localhost', '--topic', 'x'], /either --port .* or --mqtt/],
    ['an unset password variable', ['--mqtt', 'mqtt://localhost', '--topic', 'x', '--password-env', 'SENSORCAST_NO_SUCH_VAR'], /SENSORCAST_NO_SUCH_VAR: that environment variable is not set/],
  ])('usage error, %s: one line with a hint, exit 1', async (_name, args, message) => {
    const r = await runCli('record', ...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('hint: ');
  });
});
