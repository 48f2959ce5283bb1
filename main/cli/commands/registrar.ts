// The shape of a CLI command module: a function that registers the command on the program.
// Imported by every command (main/cli/commands/*.ts) and by index.ts, which lists them.
import type { Command } from 'commander';

export type CommandRegistrar = (program: Command) => void;
