// The CLI as a user runs it: `npx sensorcast --help` and `--version` from the repo root.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('sensorcast CLI', () => {
  it('prints its version', async () => {
    const { stdout } = await run(process.execPath, ['bin/sensorcast.js', '--version']);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('prints the commands with --help', async () => {
    const { stdout } = await run(process.execPath, ['bin/sensorcast.js', '--help']);
    expect(stdout).toContain('Usage: sensorcast');
  });

  it('fails with a hint on an unknown command', async () => {
    const err = await run(process.execPath, ['bin/sensorcast.js', 'frobnicate']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/unknown command|too many arguments/);
  });
});
