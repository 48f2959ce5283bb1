import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listPorts } from '../../../main/sources/ports';
import { startPtyPair } from '../../support/socat-pty';

describe('listPorts', () => {
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
