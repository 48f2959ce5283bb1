// The CLI's commands: each module registers itself on the program. One line per command.
import type { Command } from 'commander';

import { registerPorts } from './ports';
import { registerRecord } from './record';
import { registerServe } from './serve';

export type CommandRegistrar = (program: Command) => void;

export const commands: CommandRegistrar[] = [
  registerPorts,
  registerRecord,
  registerServe,
];
