// CLI command `sensorcast ports`: lists serial ports (main/sources/ports.ts), so the user can pick
// one for `record` or the app.
import type { Command } from 'commander';

import type { PortInfo } from '../../../shared/api/contract';
import { errorMessage } from '../../../shared/errors';
import { listPorts } from '../../sources/ports';

import { failWith } from './exit-code';
import type { CommandRegistrar } from './registrar';

function describePort(p: PortInfo): string {
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
      let ports: PortInfo[];
      try {
        ports = await listPorts();
      } catch (err) {
        process.stderr.write(`sensorcast: cannot list serial ports: ${errorMessage(err)}\n`);
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
