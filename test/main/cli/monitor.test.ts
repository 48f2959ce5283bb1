// `sensorcast monitor` as a user runs it, against a socat pty: the simulator's lines in order, a
// text line marked rejected (never a zero), stdin lines reaching the board, a bad port.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';

import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';

import { ArduinoSim, expectedTemp } from '../../support/arduino-sim';
import { runCli } from '../../support/run-cli';
import { startPtyPair } from '../../support/socat-pty';

interface Monitor {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Resolves once stdout matches `re`; fails with what the CLI said after 20 s or an early exit. */
  waitFor: (re: RegExp) => Promise<void>;
}

async function startMonitor(...args: string[]): Promise<Monitor> {
  const child = spawn(process.execPath, ['bin/sensorcast.js', 'monitor', '--allow-pty', ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const waitOn = (read: () => string, re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} after 20 s; stdout: ${stdout}; stderr: ${stderr}`)), 20_000);
      const poll = setInterval(() => {
        if (!re.test(read())) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 20);
      void exit.then((code) => {
        clearInterval(poll);
        clearTimeout(timer);
        if (re.test(read())) resolve();
        else reject(new Error(`monitor exited with ${code}; stdout: ${stdout}; stderr: ${stderr}`));
      });
    });
  await waitOn(() => stderr, /^Monitoring /m);
  return { child, stdout: () => stdout, stderr: () => stderr, exit, waitFor: (re) => waitOn(() => stdout, re) };
}

function writeToPty(path: string, text: string): void {
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

async function stop(m: Monitor): Promise<number | null> {
  if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGINT');
  const timer = setTimeout(() => m.child.kill('SIGKILL'), 20_000);
  const code = await m.exit;
  clearTimeout(timer);
  return code;
}

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;

describe('sensorcast monitor', () => {
  it("prints the simulator's lines in order, marks a text line rejected with its reason, and never decodes it to a zero", async () => {
    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: 200, count: 40 });
    let m: Monitor | null = null;
    try {
      m = await startMonitor('--port', pty.devPath, '--baud', '115200', '--decoded');
      sim.start();
      await m.waitFor(/seq:39,/);
      writeToPty(pty.simPath, 'Failed to read from DHT sensor!\r\nseq:40,temp:1.5,hum:41\r\n');
      await m.waitFor(/seq:40,/);
      expect(await stop(m), m.stderr()).toBe(0);

      const lines = m.stdout().trimEnd().split('\n');
      const seqs = lines.flatMap((l) => /^\S+ {2}seq:(\d+),/.exec(l)?.[1] ?? []).map(Number);
      expect(seqs).toEqual(Array.from({ length: 41 }, (_, i) => i));
      for (const l of lines.filter((x) => / {2}seq:\d+,/.test(x)).slice(0, 40)) {
        const seq = Number(/seq:(\d+)/.exec(l)?.[1]);
        expect(l).toMatch(new RegExp(`^${TIME} {2}seq:${seq},temp:[-\\d.]+,hum:\\d+ {2}-> {2}seq=${seq} temp=${expectedTemp(seq)} hum=\\d+$`));
      }
      const text = lines.filter((l) => l.includes('DHT'));
      expect(text).toHaveLength(1);
      expect(text[0]).toMatch(new RegExp(`^${TIME} ! Failed to read from DHT sensor! {2}\\(rejected: text\\)$`));
      expect(text[0]).not.toMatch(/->|=0/);
      expect(lines.indexOf(text[0])).toBe(lines.findIndex((l) => l.includes('seq:40,')) - 1);
      expect(m.stderr()).toMatch(/^42 lines, 1 rejected$/m);
    } finally {
      if (m) await stop(m);
      await sim.stop();
      await pty.dispose();
    }
  });

  it.each([
    ['lf (the default)', [], '\n'],
    ['crlf', ['--send-ending', 'crlf'], '\r\n'],
  ])('sends each stdin line to the board with %s, and stops at the end of stdin with --exit-on-eof', async (_name, flags, eol) => {
    const pty = await startPtyPair();
    const board = new SerialPort({ path: pty.simPath, baudRate: 115200, lock: false, autoOpen: false });
    let m: Monitor | null = null;
    try {
      await new Promise<void>((resolve, reject) => board.open((err) => (err ? reject(err) : resolve())));
      let received = '';
      board.on('data', (d: Buffer) => (received += d.toString('latin1')));
      m = await startMonitor('--port', pty.devPath, '--exit-on-eof', ...flags);
      m.child.stdin.end('led on\nset rate 10\n');
      expect(await m.exit, m.stderr()).toBe(0);
      const expected = `led on${eol}set rate 10${eol}`;
      const end = Date.now() + 5000;
      while (received.length < expected.length && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(received).toBe(expected);
      expect(m.stdout()).toMatch(new RegExp(`^${TIME} > led on\\n${TIME} > set rate 10\\n$`));
    } finally {
      if (m) await stop(m);
      if (board.isOpen) await new Promise<void>((resolve) => board.close(() => resolve()));
      await pty.dispose();
    }
  });

  it('an unplugged device stops the monitor with one line, a hint and exit code 3', async () => {
    const pty = await startPtyPair();
    let m: Monitor | null = null;
    try {
      m = await startMonitor('--port', pty.devPath);
      await pty.unplug();
      expect(await m.exit).toBe(3);
      expect(m.stderr()).toMatch(/^sensorcast: .*dev(: .*)?\n {2}hint: .*start the monitor again/m);
    } finally {
      if (m) await stop(m);
      await pty.dispose();
    }
  });

  it('no such port: one line with a hint and exit code 2, as record', async () => {
    const r = await runCli('monitor', '--port', '/tmp/sensorcast-no-port', '--baud', '115200');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sensorcast: No such serial port: \/tmp\/sensorcast-no-port\n {2}hint: .*sensorcast ports[^\n]*\n$/);
    expect(r.stdout).toBe('');
  });

  it('a pty without --allow-pty is not a serial port; a bad --send-ending is a usage error', async () => {
    const pty = await startPtyPair();
    try {
      const r = await runCli('monitor', '--port', pty.devPath);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^sensorcast: No such serial port: /);
    } finally {
      await pty.dispose();
    }
    const bad = await runCli('monitor', '--port', '/dev/ttyACM0', '--send-ending', 'crcr');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^sensorcast monitor: --send-ending must be lf, crlf, cr or none, got "crcr"\n {2}hint: /);
  });
});
