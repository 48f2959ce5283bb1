// `sensorcast ports` as a user runs it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { listPorts } from '../../../main/sources/ports';

const run = promisify(execFile);

describe('sensorcast ports', () => {
  it('lists the ports SerialPort.list() finds, as text and as JSON', async () => {
    const ports = await listPorts('/nonexistent');
    const { stdout } = await run(process.execPath, ['bin/sensorcast.js', 'ports', '--json']);
    const json = JSON.parse(stdout) as { path: string }[];
    expect(json.map((p) => p.path).sort()).toEqual(ports.map((p) => p.path).sort());
    const text = await run(process.execPath, ['bin/sensorcast.js', 'ports']);
    if (ports.length === 0) expect(text.stdout).toMatch(/No serial ports found/);
    for (const p of ports) expect(text.stdout).toContain(p.path);
    expect(text.stderr).toMatch(/--port/);
  });
});
