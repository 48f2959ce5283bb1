// Page-test rig for the tests with a serial device: a socat pty with an Arduino simulator on its
// board end, `sensorcast serve` and Chromium on the page, built in one call and closed in one.
// Callers: test/renderer/{page,alerts,live-view,session-restore}.test.ts.
import { ArduinoSim, type ArduinoSimOptions } from '../../support/arduino-sim';
import { startPtyPair, type PtyPair } from '../../support/socat-pty';

import { openBrowser, type BrowserOptions, type OpenBrowser } from './browser';
import { serve, type ServeOptions, type Served } from './serve';

export interface SerialPageOptions {
  sim: Omit<ArduinoSimOptions, 'path'>;
  /** Start printing at once; false: the test starts the simulator itself (e.g. as the port opens). Default true. */
  startSim?: boolean;
  /** Remember the pty as the source in the settings, so the page opens on it. Default false. */
  openOnPty?: boolean;
  serve?: ServeOptions;
  browser?: BrowserOptions;
}

export interface SerialPage {
  pty: PtyPair;
  sim: ArduinoSim;
  served: Served;
  browser: OpenBrowser;
  /** Closes the browser, stops the simulator and the server, removes the pty. */
  close(): Promise<void>;
}

export async function openSerialPage(options: SerialPageOptions): Promise<SerialPage> {
  const pty = await startPtyPair();
  const sim = new ArduinoSim({ path: pty.simPath, ...options.sim });
  let served: Served | undefined;
  let browser: OpenBrowser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await sim.stop();
    await served?.stop();
    await pty.dispose();
  };
  try {
    if (options.startSim !== false) sim.start();
    const settings = options.openOnPty ? { ...options.serve?.settings, source: { kind: 'serial', path: pty.devPath, baudRate: 115200 } } : options.serve?.settings;
    served = await serve({ ...options.serve, ...(settings ? { settings } : {}) });
    browser = await openBrowser(served.url, options.browser);
    return { pty, sim, served, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}
