// How the app words the importer's options in its failures (`{from}`, `{to}`, `{every}` in
// main/files; shared/errors.ts wordError): the app imports a file whole and has no control for a
// part of one, so it says where a part can be imported, the command line. The CLI words the same
// options as its flags (main/cli/engine-cli.ts). Called by app-services.ts for an import that fails.
import type { AppError } from '../../shared/api/contract';
import { toAppError, wordError } from '../../shared/errors';

const NAMES: Record<string, string> = {
  from: 'on the command line: sensorcast forecast --from',
  to: '--to',
  every: 'sensorcast forecast --every',
};

/** Anything an import threw, as the AppError the app shows, its options worded for the app. */
export function importError(err: unknown, fallbackCode: string): AppError {
  return wordError(toAppError(err, fallbackCode), (option) => NAMES[option] ?? option);
}
