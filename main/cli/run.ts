// Process entry of the CLI bundle: runs main() and turns its result into an exit code.
import { main } from './index';

main(process.argv).then(
  (code) => {
    // A command that already failed (failWith) keeps its own code.
    process.exitCode = code || process.exitCode;
  },
  (err: unknown) => {
    // Only bugs reach here: expected failures are printed by the commands themselves.
    process.stderr.write(`sensorcast: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
