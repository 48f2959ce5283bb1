// CLI command `sensorcast record --port PATH [--baud N] [--out FILE] [--duration S]`: records a live
// serial port to a CSV file that `sensorcast forecast` (importCsv) reads. Prints live counts
// (samples, rejected lines, reconnects) once a second to stderr; Ctrl-C stops cleanly.
import { Option, type Command } from 'commander';

import type { AppError } from '../../../shared/api/contract';
import { toAppError } from '../../../shared/errors';

import { Recorder } from '../../recorder/recorder';
import { createSource } from '../../sources/create-source';
import type { LineEnding, SourceBatch } from '../../sources/source';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

interface RecordFlags {
  port: string;
  baud: string;
  out?: string;
  duration?: string;
  lineEnding: string;
  dtr: boolean;
  allowPty?: boolean;
}

function defaultOut(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `recording-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.csv`;
}

function printError(error: AppError): void {
  process.stderr.write(`sensorcast: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
}

function usage(message: string): void {
  process.stderr.write(`sensorcast record: ${message}\n  hint: sensorcast record --port /dev/ttyACM0 --baud 115200 --out log.csv\n`);
  failWith(1);
}

export async function record(flags: RecordFlags): Promise<void> {
  const baudRate = Number(flags.baud);
  if (!Number.isInteger(baudRate) || baudRate < 50) return usage(`--baud must be a whole number such as 9600 or 115200, got "${flags.baud}"`);
  const duration = flags.duration === undefined ? null : Number(flags.duration);
  if (duration !== null && !(duration > 0)) return usage(`--duration must be a number of seconds > 0, got "${flags.duration}"`);
  if (!['auto', 'lf', 'crlf', 'cr'].includes(flags.lineEnding)) return usage(`--line-ending must be auto, lf, crlf or cr, got "${flags.lineEnding}"`);
  const out = flags.out ?? defaultOut();

  const source = createSource({ kind: 'serial', path: flags.port, baudRate, lineEnding: flags.lineEnding as LineEnding, dtr: flags.dtr }, { serial: { allowPty: flags.allowPty === true } });
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
    if (error.code === 'BAUD_MISMATCH' || error.code === 'DISCONNECTED' || error.code === 'STALLED') printError(error);
  });

  try {
    await source.start();
  } catch (err) {
    printError(toAppError(err, 'OPEN_FAILED'));
    failWith(2);
    return;
  }
  process.stderr.write(`Recording ${flags.port} at ${baudRate} baud to ${out}${duration ? ` for ${duration} s` : ''}. Ctrl-C stops.\n`);

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
    .description('record a serial port to a CSV file (readable by `sensorcast forecast`)')
    .requiredOption('-p, --port <path>', 'serial port, e.g. /dev/ttyACM0 or COM3 (see `sensorcast ports`)')
    .option('-b, --baud <n>', 'baud rate, as in Serial.begin(...)', '9600')
    .option('-o, --out <file>', 'CSV file to write (appended to if it has the same columns)')
    .option('-d, --duration <seconds>', 'stop after this many seconds (default: until Ctrl-C)')
    .option('--line-ending <kind>', 'auto, lf, crlf or cr', 'auto')
    .option('--no-dtr', 'do not assert DTR on open (avoids resetting an Arduino Uno/Nano)')
    .addOption(new Option('--allow-pty', 'accept a pseudo-terminal (/dev/pts/N, e.g. from socat) as the port').hideHelp())
    .action((flags: RecordFlags) => record(flags));
};
