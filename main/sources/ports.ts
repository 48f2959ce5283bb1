// Serial port discovery: SerialPort.list() merged with /dev/serial/by-id links (Linux), since the
// list does not show every device. The one port listing: `sensorcast ports`
// (main/cli/commands/ports.ts) and the app's port picker (main/session/default-deps.ts).
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import { SerialPort } from 'serialport';

import type { PortInfo } from '../../shared/api/contract';

/** Ports from SerialPort.list(), merged with /dev/serial/by-id links on Linux. */
export async function listPorts(byIdDir = '/dev/serial/by-id'): Promise<PortInfo[]> {
  const listed: PortInfo[] = (await SerialPort.list()).map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
  }));
  let links: string[] = [];
  try {
    links = readdirSync(byIdDir);
  } catch {
    // no such folder: not Linux, or no USB serial device
  }
  for (const name of links) {
    const link = join(byIdDir, name);
    let target: string;
    try {
      target = realpathSync(link);
    } catch {
      continue;
    }
    const known = listed.find((p) => p.path === target);
    if (known) known.byId = link;
    else listed.push({ path: target, byId: link });
  }
  return listed;
}
