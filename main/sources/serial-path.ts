// Serial source helper: decides whether a path names a serial device before anything opens it,
// so that a serial spec cannot probe the file system or open other ttys. Accepted: what the port
// list reports, Windows `COMn`, `/dev/tty*` devices that are not consoles or pseudo-terminals,
// macOS `/dev/cu.*`, and a pseudo-terminal (`/dev/pts/N`, e.g. socat's) only when allowed.
// Anything else gets the same answer as a missing port. Called by serial-source.ts.
import { realpath } from 'node:fs/promises';

import { type ErrorValue, errorValue } from '../../shared/errors';

const WINDOWS_COM = /^(\\\\\.\\)?COM\d+$/i;
/** /dev/ttyUSB0, /dev/ttyACM0, /dev/ttyS0, /dev/ttyAMA0, /dev/tty.usbserial-1, /dev/cu.usbmodem1; not /dev/tty, /dev/tty1 (a console) or BSD ptys /dev/ttyp0. */
const SERIAL_NODE = /^\/dev\/(tty(?![p-sP-S][0-9a-fA-F]$)[A-Za-z.][^/]*|cu\.[^/]+)$/;
const PTY_NODE = /^\/dev\/pts\/\d+$/;

export interface SerialPathOptions {
  /** Accept a pseudo-terminal (`/dev/pts/N`), as socat makes for tests. Default `false`. */
  allowPty?: boolean;
  /** The ports the system reports. Default: none. */
  listPorts?: () => Promise<{ path: string }[]>;
}

/** The answer for a path that is not a serial port, whether or not anything is there. */
export function noSuchPort(path: string): ErrorValue {
  return errorValue('NO_SUCH_PORT', `No such serial port: ${path}`);
}

/** True when `path` (or the node it links to) is a serial device this source may open. */
export async function isSerialPath(path: string, options: SerialPathOptions = {}): Promise<boolean> {
  if (WINDOWS_COM.test(path)) return true;
  // Why: judge the node that would be opened; a link named like a port may point anywhere.
  const node = await realpath(path).catch(() => null);
  if (node !== null && (SERIAL_NODE.test(node) || (options.allowPty === true && PTY_NODE.test(node)))) return true;
  const listed = options.listPorts ? await options.listPorts().catch(() => []) : [];
  return listed.some((p) => p.path === path || (node !== null && p.path === node));
}
