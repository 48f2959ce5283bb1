// CLI command `sensorcast record --port PATH [--baud N] [--out FILE] [--duration S]`, or
// `sensorcast record --mqtt URL --topic T [--topic T2] [--username U] [--password-env VAR]`: records
// a live serial port or MQTT topics to a CSV file that `sensorcast forecast` (importCsv) reads.
// Prints live counts (samples, rejected lines, reconnects) once a second to stderr, and for a serial
// port the decoder's status line when lines are rejected ("3 lines could not be read; the last:
// ...", the page's wording), at most every 10 s and once more at the end; Ctrl-C stops cleanly.
import type { Command } from 'commander';

import type { AppError } from '../../../shared/api/contract';
import { RejectLog } from '../../../shared/decode/reject-log';
import { errorValue, toAppError } from '../../../shared/errors';

import { Recorder } from '../../recorder/recorder';
import { createSource } from '../../sources/create-source';
import { SerialSource } from '../../sources/serial-source';
import type { Source, SourceBatch } from '../../sources/source';
import { addMqttFlags, addSerialFlags, sourceSpec, type SourceFlags } from '../source-flags';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

interface RecordFlags extends SourceFlags {
  out?: string;
  duration?: string;
}

/** Rejected lines are reported at most this often while recording, ms. */
const REJECTS_EVERY_MS = 10_000;

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

/**
 * Counts the serial port's rejected lines and says, in the page's words, how many and the last few:
 * `say()` when some arrived since the last time (and REJECTS_EVERY_MS passed), `total()` at the end.
 */
function rejectReporter(source: Source, label: string) {
  const log = new RejectLog();
  let all = 0;
  let unsaid = 0;
  let saidAt = 0;
  let hinted = false;
  if (source instanceof SerialSource) {
    source.onLines((lines) => {
      for (const line of lines) {
        if (line.kind !== 'rejected') continue;
        log.rejected(line.reason ?? 'non-numeric', line.text);
        all++;
        unsaid++;
      }
    });
  }
  const line = (n: number, when = '') => {
    const error = errorValue('UNREADABLE_LINES', `${label}: ${when}${log.describe(n)}`);
    // The hint once: it says the same every time.
    const text = `sensorcast: ${error.message}\n${error.hint && !hinted ? `  hint: ${error.hint}\n` : ''}`;
    hinted = true;
    return text;
  };
  return {
    say(now: number): string {
      if (unsaid === 0 || now - saidAt < REJECTS_EVERY_MS) return '';
      saidAt = now;
      const text = line(unsaid);
      unsaid = 0;
      return text;
    },
    total: (): string => (all > 0 ? line(all, 'in all, ') : ''),
  };
}

export async function record(flags: RecordFlags): Promise<void> {
  const duration = flags.duration === undefined ? null : Number(flags.duration);
  if (duration !== null && !(duration > 0)) return usage(`--duration must be a number of seconds > 0, got "${flags.duration}"`);
  const spec = sourceSpec(flags);
  if (typeof spec === 'string') return usage(spec);
  const out = flags.out ?? defaultOut();
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
  const rejects = rejectReporter(source, spec.kind === 'serial' ? spec.path : source.label);

  try {
    await source.start();
  } catch (err) {
    printError(toAppError(err, 'OPEN_FAILED'));
    failWith(2);
    return;
  }
  const what = spec.kind === 'serial' ? `${spec.path} at ${spec.baudRate} baud` : source.label;
  process.stderr.write(`Recording ${what} to ${out}${duration ? ` for ${duration} s` : ''}. Ctrl-C stops.\n`);

  const tty = process.stderr.isTTY;
  const progress = setInterval(() => {
    const s = source.status();
    const line = `samples ${s.counts.samples}  rejected ${s.counts.rejected}  reconnects ${s.counts.reconnects}  ${s.state}`;
    const said = rejects.say(Date.now());
    process.stderr.write(tty ? `${said ? `\r${said}` : ''}\r${line}   ` : `${said}${line}\n`);
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
  process.stderr.write(rejects.total());
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
  const command = program
    .command('record')
    .description('record a serial port or MQTT topics to a CSV file (readable by `sensorcast forecast`)')
    .option('-o, --out <file>', 'CSV file to write (appended to if it has the same columns)')
    .option('-d, --duration <seconds>', 'stop after this many seconds (default: until Ctrl-C)');
  addMqttFlags(addSerialFlags(command)).action((flags: RecordFlags) => record(flags));
};
