// `sensorcast watch` as a user runs it, against a socat pty fed by the Arduino simulator: its
// `temp` is a sawtooth from -5 to 34.9 (+0.7 a line), so `temp > 30` is crossed on every ramp.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ArduinoSim, expectedTemp } from '../../support/arduino-sim';
import { runCli } from '../../support/run-cli';
import { startPtyPair } from '../../support/socat-pty';

const dir = mkdtempSync(join(tmpdir(), 'sensorcast-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALERT = /^(\S+) {2}ALERT {2}temp > 30: value (\S+), forecast (\S+) in ([\d.]+ \w+) \(at (\S+)\)$/;

describe('sensorcast watch', () => {
  it('prints the alert before the actual crossing, and --exec runs once for it with the alert in the environment', async () => {
    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: 25 });
    const execOut = join(dir, 'exec.txt');
    const exec = `printf '%s|%s|%s|%s\\n' "$SENSORCAST_RULE" "$SENSORCAST_VALUE" "$SENSORCAST_LEAD_S" "$SENSORCAST_KIND" >> '${execOut}'`;
    sim.start();
    const args = ['bin/sensorcast.js', 'watch', '--allow-pty', '--port', pty.devPath, '--baud', '115200', '--column', 'temp', '--rule', 'temp > 30', '--exec', exec];
    const child = spawn(process.execPath, [...args, '--train-after', '400', '--horizon', '15', '--budget', '10s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // The first alert line, with the simulator's newest line at the moment it arrived.
      const first = new Promise<{ line: string; written: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no alert after 60 s; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          const written = sim.seq - 1;
          stdout += d.toString();
          const line = stdout.split('\n').find((l) => l.includes('ALERT'));
          if (line) {
            clearTimeout(timer);
            resolve({ line, written });
          }
        });
        void exit.then((code) => reject(new Error(`watch exited early with ${code}; stderr: ${stderr}`)));
      });
      const { line, written } = await first;
      const m = ALERT.exec(line);
      expect(m, line).not.toBeNull();
      const [, time, value, forecast, lead, at] = m!;
      expect(Number(value)).toBeLessThan(30);
      expect(Number(forecast)).toBeGreaterThan(30);
      expect(Date.parse(at) - Date.parse(time)).toBeGreaterThan(0);
      expect(lead).toMatch(/ms|s$/);
      // When the line arrived, the simulator had not yet written the crossing: the newest line
      // is below 30 on a rising ramp (the next one is higher).
      expect(expectedTemp(written)).toBeLessThan(30);
      expect(expectedTemp(written + 1)).toBeGreaterThan(expectedTemp(written));
      // Three more ramps cross 30; the default 1 min cooldown keeps them to that one alert.
      await new Promise((r) => setTimeout(r, 4000));
      child.kill('SIGINT');
      const code = await exit;
      expect(code, `stderr: ${stderr}`).toBe(0);
      expect(stderr).toMatch(/collected 400 samples .*training for 15 steps/);
      expect(stderr).toMatch(/watching 1 rule on /);
      expect(stdout.trim().split('\n')).toEqual([line]);
      expect(existsSync(execOut)).toBe(true);
      const runs = readFileSync(execOut, 'utf8').trim().split('\n');
      expect(runs).toHaveLength(1);
      const [rule, envValue, leadS, kind] = runs[0].split('|');
      expect({ rule, kind }).toEqual({ rule: 'temp > 30', kind: 'threshold' });
      expect(Number(envValue)).toBe(Number(value));
      expect(Number(leadS)).toBeGreaterThan(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sim.stop();
      await pty.dispose();
    }
  });

  it('--model DIR: watches with a saved model (forecast --save-model) after its history, no training, and alerts before the crossing', async () => {
    // The simulator's sawtooth at 25 lines/s, as a file with a clock, trained once by `forecast`.
    const csv = join(dir, 'saw.csv');
    const start = Date.UTC(2026, 0, 1);
    writeFileSync(csv, `time,temp\n${Array.from({ length: 800 }, (_, i) => `${new Date(start + i * 40).toISOString()},${expectedTemp(i)}`).join('\n')}\n`);
    const modelDir = join(dir, 'saw-model');
    const saved = await runCli('forecast', csv, '--column', 'temp', '--horizon', '15', '--budget', '10s', '--save-model', modelDir, '--out', join(dir, 'saw-forecast.csv'));
    expect(saved.code, saved.stderr).toBe(0);

    const pty = await startPtyPair();
    const sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: 25 });
    sim.start();
    const child = spawn(process.execPath, ['bin/sensorcast.js', 'watch', '--allow-pty', '--port', pty.devPath, '--baud', '115200', '--rule', 'temp > 30', '--model', modelDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const first = await new Promise<{ line: string; written: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no alert after 40 s; stderr: ${stderr}`)), 40_000);
        child.stdout.on('data', (d: Buffer) => {
          const written = sim.seq - 1;
          stdout += d.toString();
          const line = stdout.split('\n').find((l) => l.includes('ALERT'));
          if (line) {
            clearTimeout(timer);
            resolve({ line, written });
          }
        });
        void exit.then((code) => reject(new Error(`watch exited early with ${code}; stderr: ${stderr}`)));
      });
      const m = ALERT.exec(first.line);
      expect(m, first.line).not.toBeNull();
      expect(Number(m![2])).toBeLessThan(30);
      expect(Number(m![3])).toBeGreaterThan(30);
      expect(expectedTemp(first.written)).toBeLessThan(30);
      child.kill('SIGINT');
      expect(await exit, `stderr: ${stderr}`).toBe(0);
      expect(stderr).toMatch(new RegExp(`model from ${modelDir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: temp, 15 steps ahead`));
      expect(stderr).not.toMatch(/training for/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sim.stop();
      await pty.dispose();
    }
  });

  it('--model with training flags is a usage error; a folder without a model says so', async () => {
    const r = await runCli('watch', '--port', '/dev/null', '--rule', 'temp > 30', '--model', join(dir, 'nowhere'), '--horizon', '10', '--budget', '5s');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--horizon, --budget are for training, but --model uses a saved model/);
    const missing = await runCli('watch', '--port', '/dev/null', '--rule', 'temp > 30', '--model', join(dir, 'nowhere'));
    // As `forecast --model`: an unreadable bundle is not a usage error.
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the model in \S+nowhere/);
  });

  it('a bad rule is a usage error naming --rule, with a hint', async () => {
    const r = await runCli('watch', '--port', '/dev/null', '--rule', 'temp >> 30');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sensorcast watch: --rule "temp >> 30": ">" needs a number after it, got ">" \[BAD_OPTION\]\nhint: write e\.g\. "temp > 30 within 1h"/);
  });

  it('no rule, or no source: usage errors', async () => {
    expect((await runCli('watch', '--port', '/dev/null')).stderr).toMatch(/watch needs at least one --rule/);
    const r = await runCli('watch', '--rule', 'temp silent 30s');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/give either --port \(a serial port\) or --mqtt \(a broker URL\)/);
    expect((await runCli('watch', '--mqtt', 'mqtt://localhost:1', '--rule', 'temp > 1')).stderr).toMatch(/--mqtt needs at least one --topic/);
  });
});
