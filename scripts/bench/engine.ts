// Benchmark of the forecasting engine (run by `npm run bench`, or `npm run bench -- engine`):
// training seconds per epoch for cfg A and cfg B on the wasm LSTM kernel (the default CPU path)
// and on tfjs wasm, the PyTorch peer (scripts/bench/peer) in the same run when python3 has torch,
// single-window forecast latency, and the per-sample cost of the streaming update (engine/latency.ts).
// The kernel runs on 1 and 2 threads (main/cli/kernel-pool.ts workers) and, for batches fit.ts
// splits, as fit.ts places the parts with the pool the CLI registers (auto, by measured speed):
// that is the `train` figure. Kernel and peer runs alternate, so load drift hits both alike.
// Prints a table to stderr and, as the last stdout line, one JSON object of the figures.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { initBackend, wasmSimd } from '../../main/cli/backend';
import { defaultThreads, startKernelWorkers, useKernelPool } from '../../main/cli/kernel-pool';
import { AUTO_CYCLE, batchWork, gradientHelpers, initKernel, ParallelTrainer, WasmLstmTrainer, type SplitChoice } from '../../shared/kernel';
import { buildNetwork, initialWeights, setNetworkWeights, type NetworkShape } from '../../shared/model/network';
import { createRandom, normal } from '../../shared/model/random';

import { ALLOC_PUSHES, latencies, STREAM_PUSHES } from './engine/latency';

interface Cfg {
  name: 'A' | 'B';
  shape: NetworkShape;
  batch: number;
  windows: number;
}

const CFGS: Cfg[] = [
  { name: 'A', shape: { window: 48, features: 1, units: 64, horizon: 12 }, batch: 64, windows: 2048 },
  { name: 'B', shape: { window: 96, features: 4, units: 128, horizon: 12 }, batch: 128, windows: 4096 },
];

/** Batches timed after one warm-up batch (the kernel: a whole epoch, as noisy as the peer's); the epoch time is scaled up from them. */
const TIMED_BATCHES = { kernel: { A: 32, B: 32 }, tfjs: { A: 8, B: 2 } };
/** Timed epochs of the PyTorch peer (after its warm-up epoch). */
const PEER_EPOCHS = { A: 3, B: 1 };
const PYTHON = '/usr/bin/python3';
/** BENCH_ENGINE_ONLY=A,B,stream (any of them) runs just those parts; default all. */
const ONLY = process.env.BENCH_ENGINE_ONLY?.split(',');

const now = (): number => performance.now();

function batchData(cfg: Cfg): { x: Float32Array; y: Float32Array } {
  const { shape, batch } = cfg;
  const rand = createRandom(2);
  return {
    x: Float32Array.from({ length: batch * shape.window * shape.features }, () => normal(rand)),
    y: Float32Array.from({ length: batch * shape.horizon }, () => normal(rand)),
  };
}

/**
 * The kernel's seconds per epoch on `threads` threads (this one and threads - 1 worker helpers), the
 * parts on the workers (`threads`) or placed as fit.ts does with the pool registered (`auto`: both
 * ways timed on 12 batches, then the faster, over one whole AUTO_CYCLE); and the threads the last batch ran on.
 */
async function kernelSecondsPerEpoch(cfg: Cfg, threads: number, choice: SplitChoice = 'threads'): Promise<{ seconds: number; threadsAtEnd: number }> {
  const { shape, batch } = cfg;
  await initKernel();
  const ks = { ...shape, highway: false };
  const options = { maxBatch: batch, learningRate: 0.001, loss: 'mae' as const };
  const trainer = new WasmLstmTrainer(ks, options);
  let parallel: ParallelTrainer | null = null;
  try {
    trainer.setWeights(initialWeights(shape, 1));
    if (threads > 1) parallel = new ParallelTrainer(trainer, await startKernelWorkers(threads - 1, ks, { ...options, maxBatch: Math.ceil(batch / threads) }, trainer.paramView().length), ks, choice);
    const step = async (x: Float32Array, y: Float32Array): Promise<number> => (parallel ? parallel.trainBatch(x, y, batch) : trainer.trainBatch(x, y, batch));
    const { x, y } = batchData(cfg);
    // auto: the warm-up batch is its first probe, as in a fit.
    await step(x, y);
    // auto: one whole cycle of its measuring and keeping, so the time includes the batches it runs the slower way.
    const n = choice === 'auto' ? AUTO_CYCLE : TIMED_BATCHES.kernel[cfg.name];
    const t0 = now();
    for (let i = 0; i < n; i++) await step(x, y);
    return { seconds: ((now() - t0) / 1000 / n) * (cfg.windows / batch), threadsAtEnd: parallel?.threads ?? 1 };
  } finally {
    parallel?.dispose();
    trainer.dispose();
  }
}

async function tfjsSecondsPerEpoch(cfg: Cfg): Promise<number> {
  const { shape, batch } = cfg;
  const model = buildNetwork(shape);
  setNetworkWeights(model, shape, initialWeights(shape, 1));
  const optimizer = tf.train.adam(0.001);
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  const { x: xa, y: ya } = batchData(cfg);
  const x = tf.tensor3d(xa, [batch, shape.window, shape.features]);
  const y = tf.tensor2d(ya, [batch, shape.horizon]);
  await model.trainOnBatch(x, y);
  const n = TIMED_BATCHES.tfjs[cfg.name];
  const t0 = now();
  for (let i = 0; i < n; i++) await model.trainOnBatch(x, y);
  const perBatch = (now() - t0) / 1000 / n;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return perBatch * (cfg.windows / batch);
}

function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** The PyTorch peer's seconds per epoch with this many threads, or null if it failed. */
function peerSecondsPerEpoch(cfg: Cfg, threads: number): number | null {
  const script = join(process.cwd(), 'scripts', 'bench', 'peer', 'bench_torch.py');
  const run = spawnSync(PYTHON, [script, cfg.name, String(threads), String(PEER_EPOCHS[cfg.name])], {
    env: { ...process.env, OMP_NUM_THREADS: String(threads) },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) return null;
  return (JSON.parse(line.slice('RESULT '.length)) as { sPerEpoch: number }).sPerEpoch;
}

const round = (x: number | null, d = 3): number | null => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const rows: string[] = [];
  const active = await initBackend('wasm');
  const simd = await wasmSimd();
  const trainFig: Record<string, { secondsPerEpoch: number | null; backend: string }> = {};
  const kernelFig: Record<string, { split: boolean; byThreads: Record<string, number | null>; auto: { secondsPerEpoch: number | null; threadsChosen: number } | null }> = {};
  const tfjsFig: Record<string, { secondsPerEpoch: number | null; timedBatches: number }> = {};
  const peerFig: Record<string, { secondsPerEpoch: number | null; threads: number; byThreads: Record<string, number | null> }> = {};
  const withPeer = torchAvailable();
  // The pool as the CLI registers it (main/cli/engine-cli.ts startBackend): big batches split, placed by measured speed.
  useKernelPool({ threads: defaultThreads() });
  const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
  const best = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
  for (const cfg of CFGS.filter((c) => ONLY === undefined || ONLY.includes(c.name))) {
    const split = gradientHelpers() !== null && batchWork({ ...cfg.shape, highway: false }, cfg.batch) >= (gradientHelpers()?.minWork ?? Infinity);
    const byThreads: Record<string, number | null> = { '1': null, '2': null };
    let auto: { seconds: number; threadsAtEnd: number } | null = null;
    const peerRuns: Record<string, number | null> = { '1': null, '2': null };
    let kernelError = '';
    // Two rounds, each the kernel on 1 and 2 threads, as fit.ts places it (auto), then the peer on
    // 1 and 2 threads: the machine's load drifts on all alike. The best of each.
    for (let round = 0; round < 2; round++) {
      for (const threads of [1, 2]) {
        try {
          byThreads[threads] = best(byThreads[threads], (await kernelSecondsPerEpoch(cfg, threads)).seconds);
        } catch (err) {
          kernelError = err instanceof Error ? err.message : String(err);
        }
      }
      if (split && kernelError === '') {
        const run = await kernelSecondsPerEpoch(cfg, defaultThreads(), 'auto');
        if (!auto || run.seconds < auto.seconds) auto = run;
      }
      if (withPeer) for (const threads of ['1', '2']) peerRuns[threads] = best(peerRuns[threads], peerSecondsPerEpoch(cfg, Number(threads)));
    }
    // The engine's default: the auto placement where fit.ts splits the batch, else one thread.
    const kernel = auto ? auto.seconds : byThreads['1'];
    kernelFig[`cfg${cfg.name}`] = { split, byThreads: { '1': round(byThreads['1']), '2': round(byThreads['2']) }, auto: auto && { secondsPerEpoch: round(auto.seconds), threadsChosen: auto.threadsAtEnd } };
    const tfjs = await tfjsSecondsPerEpoch(cfg);
    tfjsFig[`cfg${cfg.name}`] = { secondsPerEpoch: round(tfjs), timedBatches: TIMED_BATCHES.tfjs[cfg.name] };
    const backend = auto ? `kernel (wasm SIMD, ${defaultThreads()} threads where faster)` : 'kernel (wasm SIMD)';
    trainFig[`cfg${cfg.name}`] = kernel !== null ? { secondsPerEpoch: round(kernel), backend } : { secondsPerEpoch: round(tfjs), backend: `tfjs ${active}` };
    const placement = auto ? `the batch split over ${defaultThreads()} threads, placed by measured speed: ended on ${auto.threadsAtEnd} thread(s)` : 'one thread (batch below the split threshold)';
    rows.push(`kernel cfg ${cfg.name}  ${kernel === null ? `unavailable: ${kernelError}` : `${kernel.toFixed(3).padStart(8)} s/epoch`}   (default: ${placement}; 1 thread ${fmt(byThreads['1'])}, 2 threads ${fmt(byThreads['2'])}; ${cfg.windows / cfg.batch} batches/epoch, best of 2 epochs each)`);
    rows.push(`tfjs ${active} cfg ${cfg.name}  ${tfjs.toFixed(3).padStart(8)} s/epoch   (timed ${TIMED_BATCHES.tfjs[cfg.name]} batches, SIMD ${simd})`);
    if (withPeer) {
      const ok = Object.entries(peerRuns).filter((e): e is [string, number] => e[1] !== null);
      const bestPeer = ok.sort((a, b) => a[1] - b[1])[0];
      peerFig[`cfg${cfg.name}`] = { secondsPerEpoch: round(bestPeer?.[1] ?? null), threads: Number(bestPeer?.[0] ?? 0), byThreads: peerRuns };
      const mine = trainFig[`cfg${cfg.name}`].secondsPerEpoch;
      const ratio = bestPeer && mine !== null ? mine / bestPeer[1] : null;
      rows.push(`torch  cfg ${cfg.name}  ${bestPeer ? bestPeer[1].toFixed(3).padStart(8) : '  failed'} s/epoch   (1 thread ${fmt(peerRuns['1'])}, 2 threads ${fmt(peerRuns['2'])}, best of 2 each); engine/torch ratio ${ratio === null ? 'n/a' : ratio.toFixed(2)}`);
    }
  }
  const lat = ONLY === undefined || ONLY.includes('stream') ? await latencies() : null;
  if (lat) {
    const alloc = lat.streamBytesPerSample === null ? 'heap not watched (gc() not available)' : `${lat.streamBytesPerSample.toFixed(3)} bytes/sample of heap growth`;
    rows.push(`forecast (tfjs, 1 window 48x1, 64 units): ${lat.forecastMs.toFixed(2)} ms`);
    rows.push(`streaming update (cfg A size, cell on ${lat.streamCell}): ${lat.streamUs.toFixed(2)} us/sample over ${STREAM_PUSHES} pushes; ${alloc} over ${ALLOC_PUSHES}`);
  }
  const ratio = withPeer
    ? Object.fromEntries(CFGS.map((c) => [`cfg${c.name}`, round((trainFig[`cfg${c.name}`]?.secondsPerEpoch ?? NaN) / (peerFig[`cfg${c.name}`]?.secondsPerEpoch ?? NaN), 2)]))
    : null;
  const figures = {
    train: trainFig,
    peer: withPeer ? peerFig : null,
    ratio,
    kernel: kernelFig,
    tfjsWasm: tfjsFig,
    stream: lat ? { usPerSample: round(lat.streamUs, 2), bytesPerSample: round(lat.streamBytesPerSample, 3), pushes: STREAM_PUSHES, cell: lat.streamCell } : null,
    forecastMs: lat ? round(lat.forecastMs) : null,
    simd,
    loadavgBefore: loadBefore,
    loadavgAfter: loadavg(),
  };
  const peerNote = withPeer ? '' : `\n(no PyTorch peer: ${PYTHON} has no torch; apt-get install -y python3-torch libopenblas0-pthread)`;
  process.stderr.write(`engine benchmark (LSTM + head, Adam, batch training; load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')})\n${rows.join('\n')}${peerNote}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`engine bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
