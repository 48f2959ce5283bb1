// The CLI's source flags (main/cli/source-flags.ts), parsed by commander as `record`, `watch` and
// `monitor` declare them: a serial port or MQTT topics into a SourceSpec, and the usage error that
// names the bad flag.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { addMqttFlags, addSerialFlags, sourceSpec, type SourceFlags } from '../../../main/cli/source-flags';

function parse(args: string[], options: Parameters<typeof addSerialFlags>[1] = {}): SourceFlags {
  const command = addMqttFlags(addSerialFlags(new Command('test').exitOverride(), options));
  command.parse(args, { from: 'user' });
  return command.opts<SourceFlags>();
}

describe('source flags', () => {
  it('a serial port with its defaults (9600 baud, auto line ending, DTR on)', () => {
    expect(sourceSpec(parse(['--port', '/dev/ttyACM0']))).toEqual({ kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, lineEnding: 'auto', dtr: true });
    expect(sourceSpec(parse(['-p', '/dev/ttyUSB0', '-b', '115200', '--line-ending', 'crlf', '--no-dtr']))).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200, lineEnding: 'crlf', dtr: false });
    expect(parse(['--port', '/dev/pts/3', '--allow-pty']).allowPty).toBe(true);
  });

  it('MQTT topics (repeatable), QoS, CA file and a password from the environment only', () => {
    process.env.SENSORCAST_TEST_PW = 'secret';
    const spec = sourceSpec(parse(['--mqtt', 'mqtts://broker:8883', '-t', 'home/+/temp', '--topic', 'lab/#', '--qos', '0', '--username', 'pi', '--password-env', 'SENSORCAST_TEST_PW', '--ca', 'ca.pem']));
    expect(spec).toEqual({ kind: 'mqtt', url: 'mqtts://broker:8883', topics: ['home/+/temp', 'lab/#'], username: 'pi', password: 'secret', qos: 0, tls: { caPath: 'ca.pem' } });
    delete process.env.SENSORCAST_TEST_PW;
    expect(sourceSpec(parse(['--mqtt', 'wss://broker/mqtt', '-t', 'x', '--insecure']))).toMatchObject({ url: 'wss://broker/mqtt', tls: { rejectUnauthorized: false } });
    expect(sourceSpec(parse(['--mqtt', 'mqtts://b', '-t', 'x', '--ca', 'ca.pem', '--insecure']))).toMatchObject({ tls: { caPath: 'ca.pem', rejectUnauthorized: false } });
  });

  it('names the bad flag', () => {
    expect(sourceSpec(parse([]))).toBe('give either --port (a serial port) or --mqtt (a broker URL)');
    expect(sourceSpec(parse(['--port', 'p', '--mqtt', 'mqtt://b']))).toMatch(/either --port/);
    expect(sourceSpec(parse(['--port', 'p', '--baud', 'fast']))).toBe('--baud must be a whole number such as 9600 or 115200, got "fast"');
    expect(sourceSpec(parse(['--port', 'p', '--line-ending', 'nl']))).toBe('--line-ending must be auto, lf, crlf or cr, got "nl"');
    expect(sourceSpec(parse(['--mqtt', 'mqtt://b:1883']))).toMatch(/needs at least one --topic/);
    expect(sourceSpec(parse(['--mqtt', 'mqtt://u:p@b:1883', '-t', 'x']))).toMatch(/no user name or password in the --mqtt URL/);
    expect(sourceSpec(parse(['--mqtt', 'http://b', '-t', 'x']))).toMatch(/--mqtt must be a broker URL/);
    expect(sourceSpec(parse(['--mqtt', 'mqtt://b', '-t', 'a/#/b']))).toMatch(/--topic "a\/#\/b" is not a topic filter/);
    expect(sourceSpec(parse(['--mqtt', 'mqtt://b', '-t', 'x', '--insecure']))).toBe('--insecure applies to mqtts:// and wss:// brokers only, got "mqtt://b"');
    expect(sourceSpec(parse(['--mqtt', 'mqtt://b', '-t', 'x', '--qos', '3']))).toBe('--qos must be 0, 1 or 2, got "3"');
    expect(sourceSpec(parse(['--mqtt', 'mqtt://b', '-t', 'x', '--password-env', 'SENSORCAST_NO_SUCH_VAR']))).toMatch(/SENSORCAST_NO_SUCH_VAR: that environment variable is not set/);
  });

  it('a serial-only command: --port required, no --line-ending', () => {
    const command = addSerialFlags(new Command('test').exitOverride().configureOutput({ writeErr: () => undefined }), { required: true, lineEnding: false });
    expect(() => command.parse([], { from: 'user' })).toThrow(/--port/);
    expect(() => command.parse(['--port', 'p', '--line-ending', 'lf'], { from: 'user' })).toThrow(/unknown option/);
  });
});
