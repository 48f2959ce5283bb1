// `npm run bench`: bundles every scripts/bench/*.ts with esbuild and runs them one after another.
// Each bench prints a human-readable table to stderr and, as its last stdout line, one JSON
// object of figures. This script prints the tables, then one JSON object with every bench's figures.
// Usage: node scripts/bench.mjs [name ...]   (e.g. `npm run bench -- engine`)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'scripts', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.ts')))
  .sort();

// Inside the repo, so that the bundles resolve the project's node_modules.
const cacheDir = join(root, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(join(cacheDir, 'sensorcast-bench-'));
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg() },
  date: new Date().toISOString(),
};
let failed = 0;
try {
  for (const file of files) {
    const name = basename(file, '.ts');
    const outfile = join(outDir, `${name}.cjs`);
    await build({
      entryPoints: [join(benchDir, file)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      define: { __SENSORCAST_VERSION__: '"bench"' },
    });
    process.stderr.write(`\n== bench: ${name} ==\n`);
    const run = spawnSync(process.execPath, [outfile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    const lines = (run.stdout ?? '').trim().split('\n');
    if (run.status !== 0) {
      failed++;
      results[name] = { error: `exit ${run.status}` };
      process.stderr.write(`bench ${name} failed with exit ${run.status}\n`);
      continue;
    }
    try {
      results[name] = JSON.parse(lines[lines.length - 1]);
    } catch {
      failed++;
      results[name] = { error: 'no JSON figures on the last stdout line' };
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
