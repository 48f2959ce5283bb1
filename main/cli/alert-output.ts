// CLI helper for `sensorcast watch`: an alert as one line for people and scripts, and `--exec`,
// which runs the user's command once per alert with the alert in environment variables only.
import { spawn } from 'node:child_process';

import type { AlertEvent } from '../../shared/alerts/evaluator';
import { formatSpan } from '../../shared/series/time-span';

import { cliNumber } from '../files/forecast-csv';

/** `2024-05-01T12:00:00.000Z  ALERT  temp > 30: value 28.4, forecast 30.2 in 12 min (at ...)`. */
export function alertLine(a: AlertEvent): string {
  const iso = (t: number) => new Date(t).toISOString();
  const value = a.value === null ? 'no value yet' : `value ${cliNumber(a.value)}`;
  let detail: string;
  if (a.kind === 'threshold') {
    detail = a.leadMs ? `${value}, forecast ${cliNumber(a.forecastValue!)} in ${formatSpan(a.leadMs, 1)} (at ${iso(a.forecastTime!)})` : `${value}, crossed now (not foreseen)`;
  } else if (a.kind === 'anomaly') {
    detail = `${value}, outside the forecast band ${cliNumber(a.band![0])} .. ${cliNumber(a.band![1])}`;
  } else {
    detail = `no data for ${formatSpan(a.silentMs!, 1)} (last ${value})`;
  }
  return `${iso(a.time)}  ALERT  ${a.rule}: ${detail}`;
}

/** The alert as environment variables for `--exec`. */
export function alertEnv(a: AlertEvent): Record<string, string> {
  const env: Record<string, string> = {
    SENSORCAST_RULE: a.rule,
    SENSORCAST_KIND: a.kind,
    SENSORCAST_CHANNEL: a.channel,
    SENSORCAST_TIME: new Date(a.time).toISOString(),
    SENSORCAST_TIME_MS: String(a.time),
    SENSORCAST_VALUE: a.value === null ? '' : String(a.value),
    SENSORCAST_MESSAGE: alertLine(a),
  };
  if (a.leadMs !== undefined) env.SENSORCAST_LEAD_S = String(a.leadMs / 1000);
  if (a.forecastTime !== undefined) env.SENSORCAST_FORECAST_TIME = new Date(a.forecastTime).toISOString();
  if (a.forecastValue !== undefined) env.SENSORCAST_FORECAST_VALUE = String(a.forecastValue);
  if (a.band) {
    env.SENSORCAST_LOWER = String(a.band[0]);
    env.SENSORCAST_UPPER = String(a.band[1]);
  }
  if (a.silentMs !== undefined) env.SENSORCAST_SILENT_S = String(a.silentMs / 1000);
  return env;
}

/** Most `--exec` commands running at once; an alert beyond that is printed but not run. */
const MAX_RUNNING = 4;

export class AlertExec {
  private readonly running = new Set<Promise<void>>();

  /** `command` is the user's own command line, run by the system shell. */
  constructor(private readonly command: string) {}

  run(a: AlertEvent): void {
    if (this.running.size >= MAX_RUNNING) {
      process.stderr.write(`note: --exec not run for this alert: ${MAX_RUNNING} earlier ones are still running\n`);
      return;
    }
    // Why: the alert's data (channel names, values from a device or broker) reaches the command
    // only through the environment, never inside the command line the shell reads.
    const child = spawn(this.command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...alertEnv(a) } });
    const done = new Promise<void>((resolve) => {
      child.once('error', (err) => {
        process.stderr.write(`note: --exec could not start: ${err.message}\n`);
        resolve();
      });
      child.once('exit', (code, signal) => {
        if (code !== 0) process.stderr.write(`note: --exec exited with ${signal ?? `code ${code}`}\n`);
        resolve();
      });
    });
    this.running.add(done);
    void done.then(() => this.running.delete(done));
  }

  /** Waits for the commands still running (at most `timeoutMs`). */
  async settle(timeoutMs = 10_000): Promise<void> {
    if (!this.running.size) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(this.running), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }
}
