// The CLI's commands: each module registers itself on the program. One line per command.
import type { Command } from 'commander';

import { registerEvaluate } from './evaluate';
import { registerForecast } from './forecast';
import { registerPorts } from './ports';
import { registerRecord } from './record';
import { registerServe } from './serve';

export type CommandRegistrar = (program: Command) => void;

export const commands: CommandRegistrar[] = [
  registerForecast,
  registerEvaluate,
  registerPorts,
  registerRecord,
  registerServe,
];
