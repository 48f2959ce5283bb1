// `sensorcast ports` as a user runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { listPorts } from '../../../main/cli/commands/ports';
import { startPtyPair } from '../../support/socat-pty';

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

  it('adds devices that only a /dev/serial/by-id link shows (a pty stands in for the device)', async () => {
    const pty = await startPtyPair();
    const byId = mkdtempSync(join(tmpdir(), 'sensorcast-byid-'));
    try {
      symlinkSync(pty.devPath, join(byId, 'usb-Arduino_Uno_1234-if00'));
      const ports = await listPorts(byId);
      const found = ports.find((p) => p.byId === join(byId, 'usb-Arduino_Uno_1234-if00'));
      expect(found?.path).toMatch(/^\/dev\/pts\/\d+$/);
    } finally {
      rmSync(byId, { recursive: true, force: true });
      await pty.dispose();
    }
  });
});
