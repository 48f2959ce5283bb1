// CLI command `sensorcast ports`: lists serial ports (SerialPort.list plus /dev/serial/by-id links,
// which the list can miss), so the user can pick one for `record` or the app.
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import type { Command } from 'commander';
import { SerialPort } from 'serialport';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './index';

export interface ListedPort {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  /** Stable alias from /dev/serial/by-id (Linux), when there is one. */
  byId?: string;
}

/** Ports from SerialPort.list(), merged with /dev/serial/by-id links on Linux. */
export async function listPorts(byIdDir = '/dev/serial/by-id'): Promise<ListedPort[]> {
  const listed: ListedPort[] = (await SerialPort.list()).map((p) => ({
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

function describePort(p: ListedPort): string {
  const parts = [p.path];
  if (p.manufacturer) parts.push(p.manufacturer);
  if (p.vendorId && p.productId) parts.push(`VID:PID ${p.vendorId}:${p.productId}`);
  if (p.serialNumber) parts.push(`serial ${p.serialNumber}`);
  if (p.byId) parts.push(p.byId);
  return parts.join('  ');
}

export const registerPorts: CommandRegistrar = (program: Command) => {
  program
    .command('ports')
    .description('list serial ports (Arduino boards, USB serial adapters)')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      let ports: ListedPort[];
      try {
        ports = await listPorts();
      } catch (err) {
        process.stderr.write(`sensorcast: cannot list serial ports: ${(err as Error).message}\n`);
        failWith(2);
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(ports, null, 2)}\n`);
        return;
      }
      if (ports.length === 0) process.stdout.write('No serial ports found.\n');
      for (const p of ports) process.stdout.write(`${describePort(p)}\n`);
      process.stderr.write('Not listed? Give the device path directly, e.g. `sensorcast record --port /dev/ttyACM0`.\n');
    });
};
