// `sensorcast record` as a user runs it, against a socat pty fed by the Arduino simulator.
import { execFile, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { importCsv } from '../../../main/files/csv-importer';
import { ArduinoSim, expectedTemp } from '../../support/arduino-sim';
import { startPtyPair } from '../../support/socat-pty';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sensorcast-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sensorcast record', () => {
  it('records a pty for --duration seconds to a CSV that importCsv reads, every sample in order', async () => {
    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, format: 'colon-space', linesPerSecond: 500 });
    const out = join(dir, 'rec.csv');
    try {
      sim.start();
      const { stdout, stderr } = await run(process.execPath, ['bin/sensorcast.js', 'record', '--allow-pty', '--port', pty.devPath, '--baud', '115200', '--out', out, '--duration', '2']);
      expect(stderr).toMatch(/samples \d+ {2}rejected 0 {2}reconnects 0/);
      const recorded = Number(/Recorded (\d+) samples/.exec(stdout)?.[1]);
      expect(recorded).toBeGreaterThan(400);
      const { table, report } = await importCsv(out, { grid: false });
      expect(table.channels.map((c) => c.name)).toEqual(['seq', 'temp', 'hum']);
      expect(report.ragged.count + report.badTime.count).toBe(0);
      const seq = table.channels[0].values;
      expect(seq.length).toBe(recorded);
      for (let i = 1; i < seq.length; i++) expect(seq[i]).toBe(seq[i - 1] + 1);
      expect(table.channels[1].values[5]).toBe(expectedTemp(seq[5]));
      // What `forecast` reads: the default import puts the recording on a time grid.
      const gridded = await importCsv(out);
      expect(gridded.table.intervalMs).not.toBeNull();
      expect(gridded.report.partial).toBe(false);
    } finally {
      await sim.stop();
      await pty.dispose();
    }
  });

  it('Ctrl-C (SIGINT) stops cleanly: exit 0, summary printed, the file complete', async () => {
    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: 300 });
    const out = join(dir, 'sigint.csv');
    sim.start();
    const child = spawn(process.execPath, ['bin/sensorcast.js', 'record', '--allow-pty', '-p', pty.devPath, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // Wait for a live count; fail fast (with what the CLI said) if it exits or hangs instead.
      const counted = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live count after 20 s; stderr: ${stderr}`)), 20_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/samples [1-9]/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exit.then((code) => reject(new Error(`record exited early with ${code}; stderr: ${stderr}`)));
      });
      await counted;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exit;
      clearTimeout(timer);
      expect(code, `stderr: ${stderr}`).toBe(0);
      expect(stdout).toMatch(/Recorded \d+ samples/);
      const text = readFileSync(out, 'utf8');
      expect(text.startsWith('time,seq,temp,hum\n')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sim.stop();
      await pty.dispose();
    }
  });

  it('lines that cannot be read: the decoder\'s status line with the last ones, while recording and in all at the end; never a zero row', async () => {
    const pty = await startPtyPair();
    const out = join(dir, 'rejects.csv');
    const board = openSync(pty.simPath, constants.O_RDWR | constants.O_NOCTTY);
    const feed = setInterval(() => writeSync(board, `seq:${n},temp:1.5\r\n${n++ % 10 === 5 ? 'Failed to read from DHT sensor!\r\n' : ''}`), 20);
    let n = 0;
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/sensorcast.js', 'record', '--allow-pty', '--port', pty.devPath, '--baud', '115200', '--out', out, '--duration', '3']);
      const path = pty.devPath.replace(/[/.]/g, (c) => `\\${c}`);
      // While recording: the page's wording, the hint once.
      expect(stderr).toMatch(new RegExp(`^sensorcast: ${path}: [1-9]\\d* lines? could not be read; the last: "Failed to read from DHT sensor!"`, 'm'));
      expect(stderr.match(/hint: The lines are text, not values/g)).toHaveLength(1);
      const total = Number(new RegExp(`sensorcast: ${path}: in all, (\\d+) lines could not be read; the last: "Failed to read from DHT sensor!"(, "Failed to read from DHT sensor!"){0,2}\n`).exec(stderr)?.[1]);
      expect(total).toBeGreaterThanOrEqual(5);
      expect(stdout).toMatch(new RegExp(`^Recorded \\d+ samples \\(${total} rejected lines, 0 reconnects\\)`));
      // The text lines are not in the file: every row is a sample, none of them zeros.
      const { table } = await importCsv(out, { grid: false });
      expect(table.channels.map((c) => c.name)).toEqual(['seq', 'temp']);
      expect(table.channels[1].values.every((v) => v === 1.5)).toBe(true);
    } finally {
      clearInterval(feed);
      closeSync(board);
      await pty.dispose();
    }
  });

  it('disk full (/dev/full): the recording stops visibly with exit code 3 and the reason', async () => {
    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, linesPerSecond: 200 });
    try {
      sim.start();
      const err = (await run(process.execPath, ['bin/sensorcast.js', 'record', '--allow-pty', '--port', pty.devPath, '--out', '/dev/full', '--duration', '2']).catch(
        (e: unknown) => e,
      )) as { code: number; stderr: string; stdout: string };
      expect(err.code).toBe(3);
      expect(err.stderr).toMatch(/sensorcast: Recording to \/dev\/full stopped: the disk is full\n {2}hint: /);
      expect(err.stdout).toMatch(/stopped early/);
    } finally {
      await sim.stop();
      await pty.dispose();
    }
  });

  it('no such port: one line with a hint, a non-zero exit, no stack trace, no file', async () => {
    const out = join(dir, 'never.csv');
    const err = (await run(process.execPath, ['bin/sensorcast.js', 'record', '--port', '/tmp/sensorcast-no-port', '--out', out]).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/^sensorcast: No such serial port: \/tmp\/sensorcast-no-port\n {2}hint: .*sensorcast ports/);
    expect(err.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad --baud is a usage error naming the value', async () => {
    const err = (await run(process.execPath, ['bin/sensorcast.js', 'record', '--port', '/dev/null', '--baud', 'fast']).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/--baud .*"fast"/);
  });
});
