// Electron transport of the app API: one `ipcMain.handle` per command on `sensorcast:<name>`,
// each checking the sender's frame before the payload is even parsed. Events go to the window on
// one channel. Callers: main/index.ts.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import { CHANNEL_PREFIX, COMMAND_NAMES, EVENT_CHANNEL, fail, type CommandHandlers, type EventEnvelope } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';
import { APP_ORIGIN } from '../window/protocol';

import { dispatchCommand } from '../api/dispatch';

const log = createLogger('ipc');

/** True when the message comes from our page's top frame (not an iframe, not another origin). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Why: a frame that is not the top frame, or that navigated elsewhere, must not reach the services.
  if (frame.parent !== null) return false;
  try {
    // Node's URL gives custom schemes the origin "null", so compare scheme and host instead.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Registers every command; returns a function that removes the handlers. */
export function registerIpc(ipcMain: IpcMain, handlers: CommandHandlers): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${name}`, async (event, raw: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn(`refused ${name} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return fail('forbidden', 'This frame may not use the app API.');
      }
      return dispatchCommand(handlers, name, raw);
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(`${CHANNEL_PREFIX}${name}`);
  };
}

/** Sends one event to a window, unless it is gone. */
export function sendEvent(contents: WebContents, envelope: EventEnvelope): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, envelope);
}
