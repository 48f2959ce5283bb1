// Benchmark of memory under load (issue 10 items 6, 7, 8): peak RSS of a CSV import (a generated
// 200 MB file, 5.4 M rows x time + 3 columns; set BENCH_IMPORT_GB=1 for a 1 GB file as well), each
// in a fresh process; and browser mode's server under a client that sends getState and never reads
// the replies for 30 s, and under three 60 MB uploads at once, with the round trip another client sees.
// Run: `npm run bench -- memory` (or `node scripts/bench.mjs memory`).
// Prints a table to stderr and, as its last stdout line, one JSON object of figures. The clients of
// the server part (the child processes, the round-trip probe) are support/ws-clients.ts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { importCsv } from '../../main/files/csv-importer';
import { startPageServer } from '../../main/server/http-server';
import { createSession } from '../../main/session/create-session';
import { defaultDeps } from '../../main/session/default-deps';
import { writeGeneratedCsv } from '../../test/support/big-csv';

import { childAttack, childUpload, underLoad } from './support/ws-clients';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / MB);

function writeCsv(path: string, rows: number): Promise<void> {
  const t0 = 1_700_000_000_000;
  return writeGeneratedCsv(path, 'time,temp,hum,pressure', rows, (i) => `${t0 + i * 1000},${(20 + (i % 1000) / 100).toFixed(3)},${(40 + (i % 617) / 10).toFixed(2)},${(1013 + (i % 233) / 7).toFixed(3)}`);
}

// --- child roles -----------------------------------------------------------------------------

/** Imports `path` in this (fresh) process and reports its RSS before and at peak. */
async function childImport(path: string): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const { table, report } = await importCsv(path);
  const seconds = (performance.now() - t0) / 1000;
  const resultBytes = (table.time?.byteLength ?? 0) + table.channels.reduce((n, c) => n + c.values.byteLength, 0);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ baseline, peak, resultBytes, rows: report.rows, seconds })}\n`);
}

// --- the benchmark ---------------------------------------------------------------------------

function runChild(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child ${args[0]} exited with ${code}`));
      const lines = out.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]) as Record<string, number>);
    });
  });
}

async function benchImport(dir: string, label: string, rows: number) {
  const path = join(dir, `${label}.csv`);
  await writeCsv(path, rows);
  const fileBytes = statSync(path).size;
  const r = await runChild(['child-import', path]);
  rmSync(path, { force: true });
  return {
    [`import_${label}_file_mb`]: mb(fileBytes),
    [`import_${label}_rows`]: r.rows,
    [`import_${label}_seconds`]: +r.seconds.toFixed(1),
    [`import_${label}_result_mb`]: mb(r.resultBytes),
    [`import_${label}_baseline_rss_mb`]: mb(r.baseline),
    [`import_${label}_peak_rss_mb`]: mb(r.peak),
    [`import_${label}_peak_minus_result_mb`]: mb(r.peak - r.resultBytes),
  };
}

async function settle(ms: number): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return process.memoryUsage().rss;
}

// The benchmark only: a full collection before measuring what is held (garbage is not a leak).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** What is still held after a full collection (JS heap + array buffers), as opposed to RSS the allocator keeps. */
function held(): number {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function benchServer(dir: string) {
  const session = await createSession({ mode: 'browser', dataDir: join(dir, 'data'), deps: defaultDeps({ demoRate: 4000 }) });
  mkdirSync(join(dir, 'page'), { recursive: true });
  writeFileSync(join(dir, 'page', 'index.html'), '<!doctype html>');
  const server = await startPageServer({ root: join(dir, 'page'), handlers: session.handlers, port: 0 });
  session.onEvent((e) => server.broadcast(e));
  try {
    await session.handlers.openSource({ kind: 'demo' });
    await new Promise((r) => setTimeout(r, 6000)); // a full getState history (20,000 samples)
    const baseline = await settle(500);
    const heldBefore = held();
    const attack = await underLoad(server.port, server.token, () => runChild(['child-attack', String(server.port), server.token, '30']));
    const after = await settle(5000);
    const heldAfter = held();
    const closed = server.clients().find((c) => c.closedReason !== null);

    const csv = join(dir, 'upload.csv');
    await writeCsv(csv, 1_650_000); // about 60 MB
    const uploadBaseline = await settle(500);
    const uploadHeldBefore = held();
    const t0 = performance.now();
    const uploads = await underLoad(server.port, server.token, () => Promise.all([0, 1, 2].map(() => runChild(['child-upload', String(server.port), server.token, csv]))));
    const uploadSeconds = (performance.now() - t0) / 1000;
    const uploadAfter = await settle(5000);
    const uploadHeldAfter = held();
    const one = (uploads.result as Record<string, number>[])[0];
    return {
      attack_baseline_rss_mb: mb(baseline),
      attack_peak_rss_mb: mb(attack.peak),
      attack_rss_5s_after_mb: mb(after),
      attack_held_before_mb: mb(heldBefore),
      attack_held_5s_after_mb: mb(heldAfter),
      attack_other_client_worst_ms: Math.round(attack.worstMs),
      attack_requests_sent: (attack.result as Record<string, number>).sent,
      attack_client_closed: closed ? `yes: ${closed.closedReason}` : 'no',
      attack_peak_queued_mb: closed ? +(closed.peakQueuedBytes / MB).toFixed(1) : 0,
      upload_file_mb: mb(statSync(csv).size),
      upload_3_parallel_seconds: +uploadSeconds.toFixed(1),
      upload_one_transfer_seconds: +one.uploadSeconds.toFixed(1),
      upload_baseline_rss_mb: mb(uploadBaseline),
      upload_peak_rss_mb: mb(uploads.peak),
      upload_rss_5s_after_mb: mb(uploadAfter),
      upload_held_before_mb: mb(uploadHeldBefore),
      upload_held_5s_after_mb: mb(uploadHeldAfter),
      upload_all_ok: (uploads.result as Record<string, unknown>[]).every((u) => u.ok === true) ? 'yes' : 'no',
      upload_other_client_worst_ms: Math.round(uploads.worstMs),
    };
  } finally {
    await server.close();
    await session.dispose();
  }
}

async function main() {
  const [role, ...args] = process.argv.slice(2);
  if (role === 'child-import') return childImport(args[0]);
  if (role === 'child-attack') return childAttack(Number(args[0]), args[1], Number(args[2]));
  if (role === 'child-upload') return childUpload(Number(args[0]), args[1], args[2]);
  const only = process.env.BENCH_MEMORY_ONLY; // 'import' or 'server' (default both)
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-bench-memory-'));
  try {
    let figures: Record<string, unknown> = { loadavg_1m: +loadavg()[0].toFixed(2) };
    if (only !== 'server') {
      figures = { ...figures, ...(await benchImport(dir, '200mb', 5_400_000)) };
      if (process.env.BENCH_IMPORT_GB === '1') figures = { ...figures, ...(await benchImport(dir, '1gb', 27_000_000)) };
    }
    if (only !== 'import') figures = { ...figures, ...(await benchServer(dir)) };
    for (const [k, v] of Object.entries(figures)) process.stderr.write(`${k.padEnd(40)} ${v}\n`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Sockets of the demo source or the server may linger; the figures are out.
  process.exit(0);
}

void main();
