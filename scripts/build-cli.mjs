// Bundles the CLI (main/cli) into out/cli/sensorcast.cjs with esbuild.
// Called by `npm run build`, `npm install` (prepare) and bin/sensorcast.js when the bundle is stale.
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'out/cli/sensorcast.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than a source file under main/ or shared/. */
export function cliIsStale() {
  let built;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  return ['main', 'shared', 'package.json'].some((p) => {
    const path = join(root, p);
    return p.endsWith('.json') ? statSync(path).mtimeMs > built : newestSource(path) > built;
  });
}

export async function buildCli() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    entryPoints: [join(root, 'main/cli/run.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // Dependencies stay in node_modules: native bindings, tfjs's wasm files.
    packages: 'external',
    define: { __SENSORCAST_VERSION__: JSON.stringify(pkg.version) },
  });
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  for (const file of result.outputFiles) {
    // Write then rename, so a CLI started in parallel never loads a half-written bundle.
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
