// The app's port picker lists ports through the one port listing (main/sources/ports.ts), so it
// sees a device that only a /dev/serial/by-id link shows, as `sensorcast ports` does (issue 11 item 1).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createSession } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { startPtyPair } from '../../support/socat-pty';

describe('defaultDeps', () => {
  it("gives the app's port picker the by-id links (a pty stands in for the device)", async () => {
    const pty = await startPtyPair();
    const dir = mkdtempSync(join(tmpdir(), 'sensorcast-byid-'));
    const link = join(dir, 'usb-Arduino_Uno_1234-if00');
    const session = await createSession({ mode: 'browser', dataDir: join(dir, 'data'), deps: defaultDeps({ byIdDir: dir }) });
    try {
      symlinkSync(pty.devPath, link);
      const ports = await session.handlers.listPorts(undefined);
      expect(ports.ok).toBe(true);
      const found = ports.ok ? ports.value.find((p) => p.byId === link) : undefined;
      expect(found?.path).toMatch(/^\/dev\/pts\/\d+$/);
    } finally {
      await session.dispose();
      rmSync(dir, { recursive: true, force: true });
      await pty.dispose();
    }
  });
});
