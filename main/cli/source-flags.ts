// CLI source flags, one home for `record`, `watch` and `monitor`: the options that name a live
// source (a serial port, or topics on an MQTT broker), and their check into the contract's
// SourceSpec, with a usage message that names the bad flag. Callers: main/cli/commands/record.ts,
// watch.ts and monitor.ts.
import { Option, type Command } from 'commander';

import { brokerUrlSchema, topicFilterSchema, type LineEnding, type SourceSpec } from '../../shared/api/contract';

export interface SerialFlags {
  port?: string;
  baud: string;
  /** Absent where the command does not offer --line-ending (monitor). */
  lineEnding?: string;
  dtr: boolean;
  allowPty?: boolean;
}

export interface MqttFlags {
  mqtt?: string;
  topic: string[];
  username?: string;
  passwordEnv?: string;
  qos: string;
  ca?: string;
  /** --insecure: accept any broker certificate (a self-signed test broker). */
  insecure?: boolean;
}

export type SourceFlags = SerialFlags & MqttFlags;

export interface SerialFlagOptions {
  /** --port is required (a command that reads serial ports only). Default false. */
  required?: boolean;
  /** Offer --line-ending. Default true. */
  lineEnding?: boolean;
}

const PORT_HELP = 'serial port, e.g. /dev/ttyACM0 or COM3 (see `sensorcast ports`)';
const LINE_ENDINGS = ['auto', 'lf', 'crlf', 'cr'];

/** Adds --port, --baud, --line-ending, --no-dtr and the hidden --allow-pty (tests' socat ptys). */
export function addSerialFlags(command: Command, options: SerialFlagOptions = {}): Command {
  if (options.required) command.requiredOption('-p, --port <path>', PORT_HELP);
  else command.option('-p, --port <path>', PORT_HELP);
  command.option('-b, --baud <n>', 'baud rate, as in Serial.begin(...)', '9600');
  if (options.lineEnding !== false) command.option('--line-ending <kind>', 'auto, lf, crlf or cr', 'auto');
  return command
    .option('--no-dtr', 'do not assert DTR on open (avoids resetting an Arduino Uno/Nano)')
    .addOption(new Option('--allow-pty', 'accept a pseudo-terminal (/dev/pts/N, e.g. from socat) as the port').hideHelp());
}

/** Adds --mqtt, --topic (repeatable), --username, --password-env, --qos, --ca and --insecure. */
export function addMqttFlags(command: Command): Command {
  return command
    .option('--mqtt <url>', 'MQTT broker instead of a port: mqtt://host:1883, mqtts://host:8883, ws://host:9001')
    .option('-t, --topic <filter>', 'MQTT topic filter, + and # allowed (repeat for more)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--username <name>', 'MQTT user name')
    .option('--password-env <var>', 'environment variable holding the MQTT password (never on the command line)')
    .option('--qos <n>', 'MQTT subscription QoS: 0, 1 or 2', '1')
    .option('--ca <file>', 'PEM file with the CA of an mqtts:// or wss:// broker')
    .option('--insecure', "mqtts:// or wss://: accept any broker certificate, unchecked (a self-signed test broker; anyone on the way can read and fake the data)");
}

/** The baud rate --baud names, or the usage error. */
export function baudRate(flags: Pick<SerialFlags, 'baud'>): number | string {
  const baud = Number(flags.baud);
  return Number.isInteger(baud) && baud >= 50 ? baud : `--baud must be a whole number such as 9600 or 115200, got "${flags.baud}"`;
}

/** The serial spec the flags describe, or the usage error. */
export function serialSpec(flags: SerialFlags & { port: string }): SourceSpec | string {
  const baud = baudRate(flags);
  if (typeof baud === 'string') return baud;
  const lineEnding = flags.lineEnding ?? 'auto';
  if (!LINE_ENDINGS.includes(lineEnding)) return `--line-ending must be auto, lf, crlf or cr, got "${lineEnding}"`;
  return { kind: 'serial', path: flags.port, baudRate: baud, lineEnding: lineEnding as LineEnding, dtr: flags.dtr };
}

/** The MQTT spec the flags describe, or the usage error. */
export function mqttSpec(flags: MqttFlags & { mqtt: string }): SourceSpec | string {
  if (/^[a-z]+:\/\/[^/]*@/i.test(flags.mqtt)) return 'put no user name or password in the --mqtt URL: use --username and --password-env';
  if (!brokerUrlSchema.safeParse(flags.mqtt).success) return `--mqtt must be a broker URL such as mqtt://localhost:1883, mqtts://host:8883 or ws://host:9001, got "${flags.mqtt}"`;
  if (flags.topic.length === 0) return '--mqtt needs at least one --topic, e.g. --topic "home/+/temp"';
  const bad = flags.topic.find((t) => !topicFilterSchema.safeParse(t).success);
  if (bad !== undefined) return `--topic "${bad}" is not a topic filter: use + for a whole level and # only as the last level`;
  // Why: --insecure on a plain mqtt:// URL would say nothing while the user believes it does something.
  if (flags.insecure && !/^(mqtts|wss):/i.test(flags.mqtt)) return `--insecure applies to mqtts:// and wss:// brokers only, got "${flags.mqtt}"`;
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
    tls: flags.ca === undefined && !flags.insecure ? undefined : { ...(flags.ca !== undefined ? { caPath: flags.ca } : {}), ...(flags.insecure ? { rejectUnauthorized: false } : {}) },
  };
}

/** The one source that --port or --mqtt names, or the usage error. */
export function sourceSpec(flags: SourceFlags): SourceSpec | string {
  if ((flags.port === undefined) === (flags.mqtt === undefined)) return 'give either --port (a serial port) or --mqtt (a broker URL)';
  return flags.mqtt !== undefined ? mqttSpec({ ...flags, mqtt: flags.mqtt }) : serialSpec({ ...flags, port: flags.port! });
}
