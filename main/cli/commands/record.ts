// CLI command `sensorcast record --port PATH [--baud N] [--out FILE] [--duration S]`, or
// `sensorcast record --mqtt URL --topic T [--topic T2] [--username U] [--password-env VAR]`: records
// a live serial port or MQTT topics to a CSV file that `sensorcast forecast` (importCsv) reads.
// Prints live counts (samples, rejected lines, reconnects) once a second to stderr; Ctrl-C stops cleanly.
import { Option, type Command } from 'commander';

import { brokerUrlSchema, topicFilterSchema, type AppError, type LineEnding, type SourceSpec } from '../../../shared/api/contract';
import { toAppError } from '../../../shared/errors';

import { Recorder } from '../../recorder/recorder';
import { createSource } from '../../sources/create-source';
import type { SourceBatch } from '../../sources/source';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

interface RecordFlags {
  port?: string;
  mqtt?: string;
  topic: string[];
  username?: string;
  passwordEnv?: string;
  qos: string;
  ca?: string;
  baud: string;
  out?: string;
  duration?: string;
  lineEnding: string;
  dtr: boolean;
  allowPty?: boolean;
}

// Errors worth a line while recording (the rest show in the live counts).
const SHOWN = new Set(['BAUD_MISMATCH', 'DISCONNECTED', 'STALLED', 'BROKER_UNREACHABLE', 'BAD_CREDENTIALS', 'NOT_AUTHORIZED', 'TLS_FAILED', 'UNREADABLE_PAYLOADS']);

function defaultOut(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `recording-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.csv`;
}

function printError(error: AppError): void {
  process.stderr.write(`sensorcast: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
}

function usage(message: string): void {
  process.stderr.write(
    `sensorcast record: ${message}\n  hint: sensorcast record --port /dev/ttyACM0 --baud 115200 --out log.csv\n` +
      `        sensorcast record --mqtt mqtt://broker:1883 --topic 'home/+/temp' --out log.csv\n`,
  );
  failWith(1);
}

/** The MQTT spec the flags describe, or the usage error (also read by `sensorcast watch`). */
export function mqttSpec(flags: Pick<RecordFlags, 'topic' | 'username' | 'passwordEnv' | 'qos' | 'ca'> & { mqtt: string }): SourceSpec | string {
  if (/^[a-z]+:\/\/[^/]*@/i.test(flags.mqtt)) return 'put no user name or password in the --mqtt URL: use --username and --password-env';
  if (!brokerUrlSchema.safeParse(flags.mqtt).success) return `--mqtt must be a broker URL such as mqtt://localhost:1883, mqtts://host:8883 or ws://host:9001, got "${flags.mqtt}"`;
  if (flags.topic.length === 0) return '--mqtt needs at least one --topic, e.g. --topic "home/+/temp"';
  const bad = flags.topic.find((t) => !topicFilterSchema.safeParse(t).success);
  if (bad !== undefined) return `--topic "${bad}" is not a topic filter: use + for a whole level and # only as the last level`;
  const qos = Number(flags.qos);
  if (qos !== 0 && qos !== 1 && qos !== 2) return `--qos must be 0, 1 or 2, got "${flags.qos}"`;
  let password: string | undefined;
  if (flags.passwordEnv !== undefined) {
    // Why an environment variable: a password on the command line is visible to every user (ps).
    password = process.env[flags.passwordEnv];
    if (password === undefined) return `--password-env ${flags.passwordEnv}: that environment variable is not set`;
  }
  return {
    kind: 'mqtt',
    url: flags.mqtt,
    topics: flags.topic,
    username: flags.username,
    password,
    qos,
    tls: flags.ca === undefined ? undefined : { caPath: flags.ca },
  };
}

export async function record(flags: RecordFlags): Promise<void> {
  const baudRate = Number(flags.baud);
  if (!Number.isInteger(baudRate) || baudRate < 50) return usage(`--baud must be a whole number such as 9600 or 115200, got "${flags.baud}"`);
  const duration = flags.duration === undefined ? null : Number(flags.duration);
  if (duration !== null && !(duration > 0)) return usage(`--duration must be a number of seconds > 0, got "${flags.duration}"`);
  if (!['auto', 'lf', 'crlf', 'cr'].includes(flags.lineEnding)) return usage(`--line-ending must be auto, lf, crlf or cr, got "${flags.lineEnding}"`);
  if ((flags.port === undefined) === (flags.mqtt === undefined)) return usage('give either --port (a serial port) or --mqtt (a broker URL)');
  const out = flags.out ?? defaultOut();

  let spec: SourceSpec;
  if (flags.mqtt !== undefined) {
    const r = mqttSpec({ ...flags, mqtt: flags.mqtt });
    if (typeof r === 'string') return usage(r);
    spec = r;
  } else {
    spec = { kind: 'serial', path: flags.port as string, baudRate, lineEnding: flags.lineEnding as LineEnding, dtr: flags.dtr };
  }
  const source = createSource(spec, { serial: { allowPty: flags.allowPty === true } });
  const recorder = new Recorder({ path: out });
  let recorderStarting: Promise<void> | null = null;
  let failure: AppError | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  recorder.onError((error) => {
    failure = error;
    finish();
  });
  source.on('samples', (batch: SourceBatch) => {
    if (!recorderStarting) {
      recorderStarting = recorder.start(batch.channels).catch((err: unknown) => {
        failure = toAppError(err, 'RECORDING_FAILED');
        finish();
      });
    }
    void recorderStarting.then(() => recorder.write(batch.channels, batch.samples));
  });
  source.on('gap', (t) => {
    if (recorderStarting) void recorderStarting.then(() => recorder.gap(t));
  });
  source.on('error', (error) => {
    if (SHOWN.has(error.code)) printError(error);
  });

  try {
    await source.start();
  } catch (err) {
    printError(toAppError(err, 'OPEN_FAILED'));
    failWith(2);
    return;
  }
  const what = spec.kind === 'serial' ? `${spec.path} at ${baudRate} baud` : source.label;
  process.stderr.write(`Recording ${what} to ${out}${duration ? ` for ${duration} s` : ''}. Ctrl-C stops.\n`);

  const tty = process.stderr.isTTY;
  const progress = setInterval(() => {
    const s = source.status();
    const line = `samples ${s.counts.samples}  rejected ${s.counts.rejected}  reconnects ${s.counts.reconnects}  ${s.state}`;
    process.stderr.write(tty ? `\r${line}   ` : `${line}\n`);
  }, 1000);
  const timer = duration ? setTimeout(finish, duration * 1000) : null;
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  await finished;
  clearInterval(progress);
  if (timer) clearTimeout(timer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await source.stop();
  if (recorderStarting) await recorderStarting;
  await recorder.stop();

  const s = source.status();
  if (tty) process.stderr.write('\n');
  if (failure) {
    printError(failure);
    failWith(3);
  }
  const info = recorder.info();
  const counts = `${s.counts.rejected} rejected lines, ${s.counts.reconnects} reconnects`;
  process.stdout.write(
    failure
      ? `Received ${s.counts.samples} samples (${counts}); the recording to ${info.path} stopped early\n`
      : `Recorded ${s.counts.samples} samples (${counts}) to ${info.path}\n`,
  );
}

export const registerRecord: CommandRegistrar = (program: Command) => {
  program
    .command('record')
    .description('record a serial port or MQTT topics to a CSV file (readable by `sensorcast forecast`)')
    .option('-p, --port <path>', 'serial port, e.g. /dev/ttyACM0 or COM3 (see `sensorcast ports`)')
    .option('--mqtt <url>', 'MQTT broker instead of a port: mqtt://host:1883, mqtts://host:8883, ws://host:9001')
    .option('-t, --topic <filter>', 'MQTT topic filter, + and # allowed (repeat for more)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--username <name>', 'MQTT user name')
    .option('--password-env <var>', 'environment variable holding the MQTT password (never on the command line)')
    .option('--qos <n>', 'MQTT subscription QoS: 0, 1 or 2', '1')
    .option('--ca <file>', 'PEM file with the CA of an mqtts:// or wss:// broker')
    .option('-b, --baud <n>', 'baud rate, as in Serial.begin(...)', '9600')
    .option('-o, --out <file>', 'CSV file to write (appended to if it has the same columns)')
    .option('-d, --duration <seconds>', 'stop after this many seconds (default: until Ctrl-C)')
    .option('--line-ending <kind>', 'auto, lf, crlf or cr', 'auto')
    .option('--no-dtr', 'do not assert DTR on open (avoids resetting an Arduino Uno/Nano)')
    .addOption(new Option('--allow-pty', 'accept a pseudo-terminal (/dev/pts/N, e.g. from socat) as the port').hideHelp())
    .action((flags: RecordFlags) => record(flags));
};
