// The committed wasm module (shared/kernel/lstm-wasm.generated.ts) is what its AssemblyScript
// source (scripts/kernel/*.ts, entry lstm.ts) compiles to: a stale binary fails here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { expect, it } from 'vitest';

it('lstm-wasm.generated.ts is up to date with scripts/kernel/*.ts', () => {
  const root = join(__dirname, '../../..');
  const out = execFileSync(process.execPath, [join(root, 'scripts/build-kernel.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(out).toMatch(/up to date/);
});
