// CLI command `sensorcast monitor --port P [--baud B] [--decoded] [--send-ending lf|crlf|cr|none]
// [--exit-on-eof]`: the serial monitor. Prints each line as it arrives with its receive time,
// marks the ones the decoder rejects and why, and sends each line typed on stdin to the board.
//
// It opens the port itself rather than through SerialSource (the page's monitor reads the
// source's raw lines, main/session/monitor-feed.ts): the source's reconnect and stall machinery is
// for recording, not for watching, and a monitor keeps the first line after the open, even one
// the open cut in half. The parts that matter are shared: the path check (isSerialPath,
// `--allow-pty`), opening with the DTR rule, writing and closing (serial-port-io.ts), the open-error
// codes and hints (classifyOpenError), framing and decoding, the words (shared/decode/raw-line.ts),
// and the serial flags (--port, --baud, --no-dtr; main/cli/source-flags.ts).
import { realpath } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import type { Command } from 'commander';
import type { SerialPort } from 'serialport';

import { LineDecoder } from '../../../shared/decode/line-decoder';
import { LineFramer } from '../../../shared/decode/line-framer';
import { clock, printable, SEND_ENDINGS, type SendEnding } from '../../../shared/decode/raw-line';
import { errorMessage, errorValue, type ErrorValue } from '../../../shared/errors';

import { listPorts } from '../../sources/ports';
import { classifyOpenError } from '../../sources/serial-errors';
import { isSerialPath, noSuchPort } from '../../sources/serial-path';
import { closeSerialPort, openSerialPort, writeSerialPort } from '../../sources/serial-port-io';
import { monitorLine, overflowLine } from '../monitor-format';
import { addSerialFlags, baudRate as checkBaud, type SerialFlags } from '../source-flags';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

interface MonitorFlags extends SerialFlags {
  port: string;
  decoded?: boolean;
  sendEnding: string;
  exitOnEof?: boolean;
}

const MAX_LINE = 1024;

function printError(error: ErrorValue): void {
  process.stderr.write(`sensorcast: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
}

function usage(message: string): void {
  process.stderr.write(`sensorcast monitor: ${message}\n  hint: sensorcast monitor --port /dev/ttyACM0 --baud 115200\n`);
  failWith(1);
}

async function open(flags: MonitorFlags, baudRate: number): Promise<SerialPort> {
  // Why: the same rule as the serial source: only a serial device is opened, and any other path gets the same answer.
  if (!(await isSerialPath(flags.port, { allowPty: flags.allowPty === true, listPorts }))) throw noSuchPort(flags.port);
  return openSerialPort(flags.port, { baudRate, dtr: flags.dtr }).catch((err: unknown) => {
    throw classifyOpenError(flags.port, err);
  });
}

export async function monitor(flags: MonitorFlags): Promise<void> {
  const baudRate = checkBaud(flags);
  if (typeof baudRate === 'string') return usage(baudRate);
  if (!Object.hasOwn(SEND_ENDINGS, flags.sendEnding)) return usage(`--send-ending must be lf, crlf, cr or none, got "${flags.sendEnding}"`);
  const ending = SEND_ENDINGS[flags.sendEnding as SendEnding];

  let port: SerialPort;
  try {
    port = await open(flags, baudRate);
  } catch (err) {
    printError((err as ErrorValue).code ? (err as ErrorValue) : classifyOpenError(flags.port, err));
    failWith(2);
    return;
  }
  const node = await realpath(flags.port).catch(() => flags.port);
  process.stderr.write(`Monitoring ${flags.port} at ${baudRate} baud. Lines typed here are sent with ${flags.sendEnding.toUpperCase()}. Ctrl-C stops.\n`);

  const framer = new LineFramer({ lineEnding: 'auto', maxLineLength: MAX_LINE });
  const decoder = new LineDecoder({ maxLineLength: MAX_LINE });
  const text = new TextDecoder('utf-8');
  let lines = 0;
  let rejected = 0;
  let failure: ErrorValue | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const lost = (detail: string) => {
    failure ??= errorValue('DISCONNECTED', `${flags.port}: ${detail}`, 'The device was unplugged or reset: start the monitor again when it is back.');
    finish();
  };

  port.on('data', (chunk: Buffer) => {
    const now = Date.now();
    let out = '';
    for (const item of framer.push(text.decode(chunk, { stream: true }))) {
      lines++;
      if (item.kind === 'overflow') {
        rejected++;
        out += `${overflowLine(now, item.length)}\n`;
        continue;
      }
      const result = decoder.decode(item.text);
      if (result.kind === 'rejected') rejected++;
      out += `${monitorLine(now, item.text, result, { decoded: flags.decoded, channels: decoder.channels })}\n`;
    }
    if (out) process.stdout.write(out);
  });
  port.on('close', () => lost('the port closed'));
  port.on('error', (err: Error) => lost(err.message));
  // serialport's `close` often never fires when a device vanishes (bindings-cpp #162): watch the path too.
  const watch = setInterval(() => {
    void realpath(flags.port).then(
      (now) => now !== node && lost(`${flags.port} now points to another device`),
      () => lost(`${flags.port} is gone`),
    );
  }, 500);

  const input = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  let sending = Promise.resolve();
  input.on('line', (line: string) => {
    process.stdout.write(`${clock(Date.now())} > ${printable(line)}\n`);
    sending = sending.then(
      () => writeSerialPort(port, line + ending).catch((err: unknown) => lost(errorMessage(err))),
    );
  });
  input.once('close', () => {
    if (flags.exitOnEof) void sending.then(finish);
  });
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  await finished;
  clearInterval(watch);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  input.close();
  process.stdin.destroy();
  port.removeAllListeners('close');
  await closeSerialPort(port);
  if (failure) {
    printError(failure);
    failWith(3);
  }
  process.stderr.write(`${lines} lines, ${rejected} rejected\n`);
}

export const registerMonitor: CommandRegistrar = (program: Command) => {
  const command = program
    .command('monitor')
    .description('show the raw lines from a serial port (rejected ones marked, with why) and send stdin lines to it')
    .option('--decoded', 'also print the channels and values decoded from each line')
    .option('--send-ending <kind>', 'line ending added to each line sent: lf, crlf, cr or none', 'lf')
    .option('--exit-on-eof', 'stop when stdin ends (default: keep monitoring until Ctrl-C)');
  addSerialFlags(command, { required: true, lineEnding: false }).action((flags: MonitorFlags) => monitor(flags));
};
