// Benchmark of data in (issue 4): CSV import rows/s and MB/s on a generated 1,000,000-row,
// 5-column file; framing + decoding lines/s; serial lines/s through a socat pty at a 20,000 lines/s
// flood (skipped without socat). Run: `npm run bench -- data` (or `node scripts/bench.mjs data`).
// Prints a table to stderr and, as its last stdout line, one JSON object of figures.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import Papa from 'papaparse';

import { importCsv } from '../../main/files/csv-importer';
import { SerialSource } from '../../main/sources/serial-source';
import { LineDecoder } from '../../shared/decode/line-decoder';
import { LineFramer } from '../../shared/decode/line-framer';
import { ArduinoSim, simLine, type SimFormat } from '../../test/support/arduino-sim';
import { writeGeneratedCsv } from '../../test/support/big-csv';
import { startPtyPair } from '../../test/support/socat-pty';

const ROWS = 1_000_000;

function writeBigCsv(path: string): Promise<void> {
  const t0 = 1_700_000_000_000;
  return writeGeneratedCsv(path, 'time,a,b,c,d', ROWS, (i) => `${t0 + i * 1000},${(i % 1000) / 10},${((i * 7) % 500) / 100},${-(i % 300)},${(i * 0.001).toFixed(3)}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** papaparse alone on the same file (UTF-8 stream, same chunk size): the floor under importCsv. */
function papaOnly(path: string): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    Papa.parse(input as unknown as File, { delimiter: ',', newline: '\n', chunk: () => undefined, complete: () => resolve((performance.now() - t0) / 1000) });
  });
}

async function benchImport(dir: string) {
  const path = join(dir, 'big.csv');
  await writeBigCsv(path);
  const bytes = statSync(path).size;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < 3; run++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { report } = await importCsv(path);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (report.rows !== ROWS) throw new Error(`imported ${report.rows} rows, expected ${ROWS}`);
  }
  const best = Math.min(...wall);
  const papa: number[] = [];
  for (let run = 0; run < 3; run++) papa.push(await papaOnly(path));
  return {
    papaparse_only_seconds_best: +Math.min(...papa).toFixed(2),
    csv_rows: ROWS,
    csv_mb: +(bytes / 1e6).toFixed(1),
    csv_seconds_best: +best.toFixed(2),
    csv_seconds_median: +median(wall).toFixed(2),
    csv_cpu_seconds_median: +median(cpu).toFixed(2),
    csv_rows_per_s: Math.round(ROWS / best),
    csv_mb_per_s: +(bytes / 1e6 / best).toFixed(1),
  };
}

function benchDecoder() {
  const out: Record<string, number> = {};
  for (const format of ['labelled', 'colon-space', 'csv'] as SimFormat[]) {
    const n = 300_000;
    let text = '';
    for (let i = 0; i < n; i++) text += `${simLine(format, i)}\r\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 64) chunks.push(text.slice(i, i + 64)); // serial-sized chunks
    const t0 = performance.now();
    const framer = new LineFramer();
    const decoder = new LineDecoder();
    let samples = 0;
    for (const c of chunks) for (const f of framer.push(c)) if (f.kind === 'line' && decoder.decode(f.text).kind === 'sample') samples++;
    const s = (performance.now() - t0) / 1000;
    if (samples !== n) throw new Error(`decoded ${samples} of ${n} ${format} lines`);
    out[`decoder_${format.replace('-', '_')}_lines_per_s`] = Math.round(n / s);
  }
  return out;
}

async function benchSerial() {
  if (spawnSync('socat', ['-V']).status !== 0) return { serial_skipped: 'no socat' };
  const pty = await startPtyPair();
  const rate = 20_000;
  const seconds = 3;
  const sim = new ArduinoSim({ path: pty.simPath, format: 'labelled', linesPerSecond: rate, count: rate * seconds });
  const source = new SerialSource({ path: pty.devPath, baudRate: 115200 }, { allowPty: true });
  let received = 0;
  source.on('samples', (b) => (received += b.samples.length));
  await source.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sim.start();
  while (!sim.done || received < sim.sent - 1) {
    if (performance.now() - t0 > (seconds + 5) * 1000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  await sim.stop();
  await source.stop();
  await pty.dispose();
  return {
    serial_offered_lines_per_s: rate,
    serial_sent: sim.sent,
    serial_received: received,
    serial_lines_per_s: Math.round(received / s),
    serial_cpu_share: +((c.user + c.system) / 1e6 / s).toFixed(2),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-bench-data-'));
  try {
    const figures = { loadavg_1m: +loadavg()[0].toFixed(2), ...(await benchImport(dir)), ...benchDecoder(), ...(await benchSerial()) };
    for (const [k, v] of Object.entries(figures)) process.stderr.write(`${k.padEnd(36)} ${v}\n`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
