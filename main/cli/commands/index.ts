// The CLI's commands: each module registers itself on the program. One line per command.
import { registerEvaluate } from './evaluate';
import { registerForecast } from './forecast';
import { registerMonitor } from './monitor';
import { registerPorts } from './ports';
import { registerRecord } from './record';
import type { CommandRegistrar } from './registrar';
import { registerServe } from './serve';
import { registerWatch } from './watch';

export const commands: CommandRegistrar[] = [
  registerForecast,
  registerEvaluate,
  registerMonitor,
  registerPorts,
  registerRecord,
  registerServe,
  registerWatch,
];
