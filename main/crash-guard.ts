// The main process's last line of defence (FAULTS 25): an exception or a rejected promise that
// nothing caught is logged and shown to the user in the page, and a crashed page is reloaded; the
// sources and the recording go on either way. Callers: main/index.ts.
import type { EventEnvelope } from '../shared/api/contract';
import { toAppError } from '../shared/errors';
import { createLogger } from '../shared/logger';

const log = createLogger('crash');

type Listener = (...args: unknown[]) => void;

interface Emitter {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

/** The window's parts the guard uses (Electron's BrowserWindow). */
export interface GuardedWindow {
  webContents: unknown;
  reload(): void;
}

export interface CrashGuardOptions {
  /** Where `uncaughtException` and `unhandledRejection` arrive. Required (Node's `process`). */
  process: Emitter;
  /** Where `render-process-gone` arrives. Required (Electron's `app`). */
  app: Emitter;
  /** The page's window now, or null while there is none. Required. */
  window: () => GuardedWindow | null;
  /** Sends an event to the page. Required. */
  notify: (envelope: EventEnvelope<'error'>) => void;
  /** A modal error box, for when there is no page to tell. Required (Electron's `dialog.showErrorBox`). */
  showErrorBox: (title: string, content: string) => void;
  /** The same message is shown again only after this long. Default 10,000 ms. */
  repeatMs?: number;
  /** A page that crashes this often within `crashWindowMs` is not reloaded again. Default 3. */
  maxCrashes?: number;
  /** Default 60,000 ms. */
  crashWindowMs?: number;
  /** Default Date.now. */
  now?: () => number;
}

const HINT = 'Live data and recording go on. If this repeats, restart sensorcast and report the log.';

/** Installs the handlers; returns the function that removes them. */
export function installCrashGuard(options: CrashGuardOptions): () => void {
  const now = options.now ?? Date.now;
  const repeatMs = options.repeatMs ?? 10_000;
  const maxCrashes = options.maxCrashes ?? 3;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const shownAt = new Map<string, number>();
  let boxShown = false;
  let crashes: number[] = [];

  const report = (what: string, err: unknown) => {
    log.error(what, err);
    const error = toAppError(err);
    const message = `sensorcast hit an internal error: ${error.message}`;
    // Why: an error in a timer would otherwise bury the page in identical notices.
    const last = shownAt.get(message);
    if (last !== undefined && now() - last < repeatMs) return;
    shownAt.set(message, now());
    if (options.window()) options.notify({ event: 'error', payload: { code: 'internal', message, hint: HINT } });
    else if (!boxShown) {
      boxShown = true;
      options.showErrorBox('sensorcast hit an internal error', `${error.message}\n\n${HINT}`);
    }
  };
  const onException = (err: Error) => report('uncaught exception', err);
  const onRejection = (reason: unknown) => report('unhandled rejection', reason);
  const onPageGone = (_event: unknown, contents: unknown, details: { reason: string; exitCode?: number }) => {
    const win = options.window();
    if (!win || contents !== win.webContents || details.reason === 'clean-exit') return log.info(`a page ended (${details.reason})`);
    crashes = [...crashes.filter((t) => now() - t < crashWindowMs), now()];
    // Why: a page that crashes as it starts would otherwise reload forever.
    if (crashes.length > maxCrashes) {
      log.error(`page gone (${details.reason}) ${crashes.length} times in ${crashWindowMs / 1000} s; not reloading`);
      if (!boxShown) {
        boxShown = true;
        options.showErrorBox('The sensorcast window keeps crashing', `The page stopped ${crashes.length} times in a minute (${details.reason}). ${HINT}`);
      }
      return;
    }
    log.warn(`page gone (${details.reason}); reloading`);
    win.reload();
  };

  options.process.on('uncaughtException', onException as Listener);
  options.process.on('unhandledRejection', onRejection as Listener);
  options.app.on('render-process-gone', onPageGone as Listener);
  return () => {
    options.process.removeListener('uncaughtException', onException as Listener);
    options.process.removeListener('unhandledRejection', onRejection as Listener);
    options.app.removeListener('render-process-gone', onPageGone as Listener);
  };
}
