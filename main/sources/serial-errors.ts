// Serial source helper: turns serialport's error text (bindings-cpp on Linux/macOS, Windows) into a
// typed ErrorValue with a hint the user can act on. Called by serial-source.ts and the CLI `record`.
import { errorMessage, type ErrorValue, errorValue } from '../../shared/errors';

import { noSuchPort } from './serial-path';

/** Classifies an error from opening `path`. */
export function classifyOpenError(path: string, err: unknown): ErrorValue {
  const text = errorMessage(err);
  const code = (err as { code?: string } | null)?.code;
  if (/Cannot lock port|Resource temporarily unavailable|EBUSY|Device or resource busy|Access denied|ACCESS_DENIED/i.test(text)) {
    return errorValue('PORT_BUSY', `${path} is busy: another program has it open`);
  }
  if (code === 'EACCES' || /Permission denied|EACCES|EPERM|Operation not permitted/i.test(text)) {
    return errorValue('PERMISSION_DENIED', `No permission to open ${path}`);
  }
  // Why: one answer whether nothing is there or something that is not a port; it reveals no file.
  if (code === 'ENOENT' || /No such file or directory|ENOENT|File not found|cannot find the file|Not a directory|ENOTDIR|Inappropriate ioctl|ENOTTY/i.test(text)) {
    return noSuchPort(path);
  }
  return errorValue('OPEN_FAILED', `Cannot open ${path}: ${text}`);
}
