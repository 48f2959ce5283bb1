// The CLI's commands: each module registers itself on the program. One line per command.
import type { Command } from 'commander';

export type CommandRegistrar = (program: Command) => void;

export const commands: CommandRegistrar[] = [];
