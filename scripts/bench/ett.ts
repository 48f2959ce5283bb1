// Benchmark of forecast accuracy at sensor scale (run by `npm run bench -- ett`): ETTh1, the
// standard long-horizon sensor benchmark (scripts/bench/data/README.md), univariate OT. For each
// horizon the engine trains once on the rows before 11520 (with its default time budget) and
// forecasts every test origin 11520 <= o <= 14400 - H with every method it offers, through the
// same code as `sensorcast evaluate --test-from 11520 --test-to 14400`. Prints standardized MSE and
// MAE per method next to the published references, interval coverage, the training time by phase
// and wall time (with the machine's load average); the last
// stdout line is one JSON object of the figures.
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { initBackend } from '../../main/cli/backend';
import { importCsv } from '../../main/files/csv-importer';
import { evaluateTestSpan } from '../../shared/eval/test-span';

const REFERENCE: Record<number, { naive: number; snaive: number; nlinear: number }> = {
  24: { naive: 0.0343, snaive: 0.0458, nlinear: 0.0262 },
  96: { naive: 0.0693, snaive: 0.0715, nlinear: 0.0539 },
  336: { naive: 0.1133, snaive: 0.1108, nlinear: 0.0854 },
};

async function main(): Promise<void> {
  const backend = await initBackend('wasm');
  const { table } = await importCsv(join(process.cwd(), 'scripts/bench/data/ETTh1.csv'));
  const ot = table.channels.find((c) => c.name === 'OT');
  if (!ot || ot.values.length !== 17420) throw new Error(`ETTh1 did not import as 17,420 rows of OT (got ${ot?.values.length})`);
  let mean = 0;
  for (let i = 0; i < 8640; i++) mean += ot.values[i];
  mean /= 8640;
  let variance = 0;
  for (let i = 0; i < 8640; i++) variance += (ot.values[i] - mean) ** 2;
  variance /= 8640;
  const horizons = (process.env.ETT_HORIZONS ?? '24,96,336').split(',').map(Number);
  const figures: Record<string, unknown> = { backend };
  const lines: string[] = [];
  for (const H of horizons) {
    const started = Date.now();
    const r = await evaluateTestSpan({ ...table, channels: [ot] }, 'OT', { horizon: H, testFrom: 11520, testTo: 14400 });
    const wall = (Date.now() - started) / 1000;
    const ref = REFERENCE[H];
    const per: Record<string, unknown> = {};
    lines.push(`  validation: ${r.info.pickReason}`);
    lines.push(`H=${H} (load ${loadavg()[0].toFixed(1)}): ${r.origins} origins, seasons ${r.info.seasons.map((s) => s.period).join(',') || 'none'}, context ${JSON.stringify(r.info.context)}, LSTM window ${r.info.window}, ${r.info.units} units, ${r.info.epochsRun} epochs (${r.info.stopReason}, ${r.info.trainer}), pick ${r.info.method}; train ${r.trainSeconds.toFixed(1)} s (${Object.entries(r.info.phaseSeconds ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}), forecasts ${r.forecastSeconds.toFixed(1)} s, wall ${wall.toFixed(1)} s`);
    for (const [method, m] of Object.entries(r.metrics)) {
      if (!m) continue;
      const mse = (m.rmse * m.rmse) / variance;
      const mae = m.mae / Math.sqrt(variance);
      per[method] = { mse: Number(mse.toFixed(5)), mae: Number(mae.toFixed(5)), coverage: Number(m.coverage.toFixed(3)) };
      lines.push(`  ${(method + (method === r.info.method ? ' (pick)' : '')).padEnd(22)} MSE ${mse.toFixed(4)}  MAE ${mae.toFixed(4)}  90% interval coverage ${(100 * m.coverage).toFixed(1)}%`);
    }
    if (ref) lines.push(`  references: naive ${ref.naive}, seasonal naive ${ref.snaive}, NLinear ridge ${ref.nlinear}`);
    figures[`H${H}`] = { ...per, pick: r.info.method, reference: ref, trainSeconds: Number(r.trainSeconds.toFixed(2)), phaseSeconds: r.info.phaseSeconds, wallSeconds: Number(wall.toFixed(2)), loadavg: Number(loadavg()[0].toFixed(1)) };
  }
  process.stderr.write(`ETTh1 univariate OT, standardized (rows [0, 8640)), test origins 11520..14400-H\n${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ett bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
