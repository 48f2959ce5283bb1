// CLI entry (`npx sensorcast ...`): parses the command line and dispatches to the commands.
// Plain Node: no Electron. Bundled by scripts/build-cli.mjs into out/cli/sensorcast.cjs.
import { Command } from 'commander';

import { PRODUCT_NAME } from '../../shared/version';

import { commands } from './commands';

declare const __SENSORCAST_VERSION__: string;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name(PRODUCT_NAME)
    .description('Forecast sensor data from serial ports and CSV logs with an LSTM.')
    .version(__SENSORCAST_VERSION__, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 1;
    throw err;
  }
}
