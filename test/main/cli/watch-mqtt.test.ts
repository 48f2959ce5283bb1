// `sensorcast watch --mqtt` as a user runs it, against a real mosquitto fed by mqtt.js: a ramp
// that climbs past 30 every 40 messages, then silence. 400 samples (10 ramps) and 6 s to train:
// on 200 and 2 s a loaded machine sometimes picked a model that did not foresee the crossing (with
// 10 ramps the 40-row season is found and the pick foresees it exactly).
import { spawn } from 'node:child_process';

import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';

import { startMosquitto } from '../../support/mosquitto';

describe('sensorcast watch --mqtt', () => {
  it('alerts before a topic crosses the threshold, and when it falls silent', async () => {
    const broker = await startMosquitto();
    const rules = ['--rule', 'barn/state/temp > 30', '--rule', 'barn/state/temp silent 2s'];
    const child = spawn(process.execPath, ['bin/sensorcast.js', 'watch', '--mqtt', broker.url, '--topic', 'farm/+/state', ...rules, '--train-after', '400', '--horizon', '8', '--budget', '6s', '--cooldown', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pub = await connectAsync(broker.url, { reconnectPeriod: 0 });
    let publishing = true;
    let sent = 0;
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const line = (pattern: RegExp) =>
        new Promise<{ text: string; sent: number }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${pattern} after 60 s; stdout: ${stdout}; stderr: ${stderr}`)), 60_000);
          const check = () => {
            const text = stdout.split('\n').find((l) => pattern.test(l));
            if (!text) return;
            clearTimeout(timer);
            child.stdout.off('data', onData);
            resolve({ text, sent });
          };
          const onData = (d: Buffer) => {
            stdout += d.toString();
            check();
          };
          child.stdout.on('data', onData);
          check();
        });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not subscribed after 20 s; stderr: ${stderr}`)), 20_000);
        child.stderr.on('data', () => {
          if (stderr.includes('collecting 400 samples')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const publish = (async () => {
        while (publishing) {
          await pub.publishAsync('farm/barn/state', JSON.stringify({ temp: sent % 40 }), { qos: 0 });
          sent++;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      // The first foreseen crossing: raised at a sample not yet past 30 (30 itself is not), for a
      // step ahead. (Watching may start on a ramp already past 30: that one is "crossed now", and
      // --cooldown 0 lets the next ramp's alert through.)
      const alert = await line(/ALERT {2}barn\/state\/temp > 30: value \S+, forecast /);
      const [, value, lead] = /value (\S+), forecast \S+ in (\S+ \w+)/.exec(alert.text)!;
      expect(Number(value)).toBeLessThanOrEqual(30);
      expect(lead).toMatch(/^\d/);
      publishing = false;
      await publish;
      const silent = await line(/ALERT {2}barn\/state\/temp silent 2s: no data for [\d.]+ s \(last value \d+\)/);
      expect(silent.text).toBeTruthy();
      child.kill('SIGINT');
      expect(await exit, stderr).toBe(0);
    } finally {
      publishing = false;
      await pub.endAsync();
      child.kill('SIGKILL');
      await broker.dispose();
    }
  });
});
