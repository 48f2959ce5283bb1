// The one place Electron is mocked (the binary cannot be installed here).
// Tests of the Electron glue import `electronMock` to inspect what the glue asked Electron to do.
import { vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake')).electronFake);
