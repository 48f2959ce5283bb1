// Benchmark of the forecasting engine (run by `npm run bench`, or `npm run bench -- engine`):
// training seconds per epoch for cfg A and cfg B on each Node backend (wasm, cpu), single-window
// forecast latency, and the per-sample cost of the plain-TS streaming update.
// Prints a table to stderr and, as the last stdout line, one JSON object of the figures.
import { loadavg } from 'node:os';

import * as tf from '@tensorflow/tfjs';

import { initBackend, wasmSimd, type NodeBackend } from '../../main/cli/backend';
import { train } from '../../shared/model';
import { buildNetwork, initialWeights, setNetworkWeights, type NetworkShape } from '../../shared/model/network';
import { createRandom, normal } from '../../shared/model/random';

interface Cfg {
  name: string;
  shape: NetworkShape;
  batch: number;
  windows: number;
}

const CFGS: Cfg[] = [
  { name: 'A', shape: { window: 48, features: 1, units: 64, horizon: 12 }, batch: 64, windows: 2048 },
  { name: 'B', shape: { window: 96, features: 4, units: 128, horizon: 12 }, batch: 128, windows: 4096 },
];

/** Batches timed per configuration and backend (after one warm-up batch); the epoch time is scaled up from them. */
const TIMED_BATCHES: Record<NodeBackend, Record<string, number>> = { wasm: { A: 32, B: 6 }, cpu: { A: 4, B: 1 } };

const now = (): number => performance.now();

async function secondsPerEpoch(cfg: Cfg, backend: NodeBackend, fused = false): Promise<{ seconds: number; batches: number }> {
  const { shape, batch } = cfg;
  const model = buildNetwork(shape, { fused });
  setNetworkWeights(model, shape, initialWeights(shape, 1));
  const optimizer = tf.train.adam(0.001);
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  const rand = createRandom(2);
  const x = tf.tensor3d(Float32Array.from({ length: batch * shape.window * shape.features }, () => normal(rand)), [batch, shape.window, shape.features]);
  const y = tf.tensor2d(Float32Array.from({ length: batch * shape.horizon }, () => normal(rand)), [batch, shape.horizon]);
  await model.trainOnBatch(x, y);
  const n = TIMED_BATCHES[backend][cfg.name];
  const t0 = now();
  for (let i = 0; i < n; i++) await model.trainOnBatch(x, y);
  const perBatch = (now() - t0) / 1000 / n;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { seconds: perBatch * (cfg.windows / batch), batches: n };
}

function seasonal(n: number): Float64Array {
  const rand = createRandom(3);
  return Float64Array.from({ length: n }, (_, i) => 20 + 5 * Math.sin((2 * Math.PI * i) / 24) + normal(rand));
}

async function latencies(withLarge: boolean): Promise<{ forecastMs: number; streamUs: number; streamUs128: number }> {
  const table = { time: null, intervalMs: null, channels: [{ name: 'y', values: seasonal(400) }] };
  const model = await train({ table, target: 'y' }, { horizon: 12, window: 48, units: 64, epochs: 1, period: 24 });
  for (let i = 0; i < 20; i++) model.forecast(table, { method: 'lstm' });
  let t0 = now();
  const reps = 200;
  for (let i = 0; i < reps; i++) model.forecast(table, { method: 'lstm' });
  const forecastMs = (now() - t0) / reps;
  const stream = model.stream({ method: 'lstm' });
  const values = table.channels[0].values;
  for (let i = 0; i < 48; i++) stream.push([values[i]]);
  t0 = now();
  const samples = 2000;
  for (let i = 0; i < samples; i++) stream.push([values[48 + (i % 300)]]);
  const streamUs = ((now() - t0) * 1000) / samples;
  model.dispose();
  if (!withLarge) return { forecastMs, streamUs, streamUs128: NaN };
  // cfg B's cell size (window 96, 4 channels, 128 units) for the streaming cost at the large end.
  const tableB = { time: null, intervalMs: null, channels: ['a', 'b', 'c', 'd'].map((name, j) => ({ name, values: seasonal(400).map((v) => v + j) })) };
  const modelB = await train({ table: tableB, target: 'a', covariates: ['b', 'c', 'd'] }, { horizon: 12, window: 96, units: 128, epochs: 1, period: 24 });
  const sb = modelB.stream({ method: 'lstm' });
  for (let i = 0; i < 96; i++) sb.push(tableB.channels.map((c) => c.values[i]));
  t0 = now();
  const samplesB = 300;
  for (let i = 0; i < samplesB; i++) sb.push(tableB.channels.map((c) => c.values[96 + (i % 300)]));
  const streamUs128 = ((now() - t0) * 1000) / samplesB;
  modelB.dispose();
  return { forecastMs, streamUs, streamUs128 };
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = { loadavgBefore: loadavg() };
  const rows: string[] = [];
  for (const backend of ['wasm', 'cpu'] as NodeBackend[]) {
    const active = await initBackend(backend);
    if (active !== backend) {
      figures[backend] = { error: `backend ${backend} did not start` };
      continue;
    }
    const simd = await wasmSimd();
    const perBackend: Record<string, unknown> = backend === 'wasm' ? { simd } : {};
    for (const cfg of CFGS) {
      const r = await secondsPerEpoch(cfg, backend);
      perBackend[`cfg${cfg.name}SecondsPerEpoch`] = Number(r.seconds.toFixed(3));
      perBackend[`cfg${cfg.name}TimedBatches`] = r.batches;
      rows.push(`${backend.padEnd(6)} cfg ${cfg.name}  ${r.seconds.toFixed(2).padStart(8)} s/epoch   (${cfg.windows / cfg.batch} batches/epoch; timed ${r.batches} batch(es)${backend === 'wasm' ? `, SIMD ${simd}` : ''})`);
      if (backend === 'wasm') {
        // The fused layer (one input matmul for all steps, fewer ops per step), for comparison.
        const f = await secondsPerEpoch(cfg, backend, true);
        perBackend[`cfg${cfg.name}FusedSecondsPerEpoch`] = Number(f.seconds.toFixed(3));
        rows.push(`${backend.padEnd(6)} cfg ${cfg.name}  ${f.seconds.toFixed(2).padStart(8)} s/epoch   fused LSTM layer (shared/model/fused-lstm.ts)`);
      }
    }
    // The streaming cell is plain TS (backend-independent): its large case runs once, on wasm.
    const lat = await latencies(backend === 'wasm');
    perBackend.forecastMs = Number(lat.forecastMs.toFixed(3));
    perBackend.streamUsPerSample = Number(lat.streamUs.toFixed(1));
    if (backend === 'wasm') perBackend.streamUsPerSampleCfgB = Number(lat.streamUs128.toFixed(1));
    rows.push(`${backend.padEnd(6)} forecast (tfjs, 1 window 48x1, 64 units): ${lat.forecastMs.toFixed(2)} ms; streaming update (plain TS): ${lat.streamUs.toFixed(0)} us/sample${backend === 'wasm' ? ` (window 96x4, 128 units: ${lat.streamUs128.toFixed(0)} us)` : ''}`);
    figures[backend] = perBackend;
  }
  figures.loadavgAfter = loadavg();
  process.stderr.write(`engine benchmark (LSTM + highway head, Adam, MAE loss; load average before ${(figures.loadavgBefore as number[]).map((x) => x.toFixed(2)).join(' ')})\n${rows.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`engine bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
