// CLI helper: checks where a command will write (`forecast --out/--save-model`, `evaluate --out`)
// before it trains, so a missing or unwritable folder fails in a second with one line and a hint
// instead of a stack trace after the whole run. Called by main/cli/commands/*.ts.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { EngineError } from '../../shared/model';

const canWrite = (path: string): Promise<boolean> => access(path, constants.W_OK | constants.X_OK).then(() => true, () => false);

/** `flag FILE`: the folder must exist and be writable; FILE, if it exists, a writable file. Throws BAD_OPTION. */
export async function checkOutputFile(flag: string, file: string): Promise<void> {
  const full = resolve(file);
  const folder = dirname(full);
  const info = await stat(full).catch(() => null);
  if (info?.isDirectory()) throw new EngineError('BAD_OPTION', `${flag} ${file} is a folder, not a file`, `name a file, e.g. ${flag} ${file.replace(/[\\/]+$/, '')}/out.csv`);
  const parent = await stat(folder).catch(() => null);
  if (!parent) throw new EngineError('BAD_OPTION', `${flag} ${file}: the folder ${folder} does not exist`, `create it first (mkdir -p ${folder}) or pick another ${flag}`);
  if (!parent.isDirectory()) throw new EngineError('BAD_OPTION', `${flag} ${file}: ${folder} is not a folder`, `pick another ${flag}`);
  const writable = info ? await access(full, constants.W_OK).then(() => true, () => false) : await canWrite(folder);
  if (!writable) throw new EngineError('BAD_OPTION', `${flag} ${file}: ${info ? 'the file' : `the folder ${folder}`} is not writable`, `pick another ${flag}, or check its permissions`);
}

/** `flag DIR` (created when missing): DIR, or its nearest existing parent, must be a writable folder. Throws BAD_OPTION. */
export async function checkOutputDir(flag: string, dir: string): Promise<void> {
  let path = resolve(dir);
  for (;;) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' || err.code === 'ENOTDIR' ? null : err));
    if (info instanceof Error) throw new EngineError('BAD_OPTION', `${flag} ${dir}: cannot use ${path} (${info.code ?? info.message})`, `pick another ${flag}`);
    if (info) {
      if (!info.isDirectory()) throw new EngineError('BAD_OPTION', `${flag} ${dir}: ${path} is a file, not a folder`, `pick another ${flag}`);
      if (!(await canWrite(path))) throw new EngineError('BAD_OPTION', `${flag} ${dir}: the folder ${path} is not writable`, `pick another ${flag}, or check its permissions`);
      return;
    }
    const up = dirname(path);
    if (up === path) return;
    path = up;
  }
}
