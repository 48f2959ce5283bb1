#!/usr/bin/env node
// `npx sensorcast`: runs the bundled CLI, rebuilding it first when the sources are newer.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'out', 'cli', 'sensorcast.cjs');
const builder = join(__dirname, '..', 'scripts', 'build-cli.mjs');

async function run() {
  if (existsSync(builder)) {
    const { buildCli, cliIsStale } = await import(builder);
    if (cliIsStale()) await buildCli();
  }
  require(bundle);
}

run().catch((err) => {
  process.stderr.write(`sensorcast: could not start: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
});
