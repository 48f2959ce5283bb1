// The LSTM gates panel: the mean activation of each gate over the cell's units at the latest
// step, with a one-line explanation. Callers: app.ts on every forecast from the worker.
import type { GateSnapshot } from '../worker/messages';

import { byId } from './dom';

const GATES: { key: keyof GateSnapshot; name: string; explain: string; signed: boolean }[] = [
  { key: 'forget', name: 'Forget', explain: 'How much of the old memory is kept (1 keeps it all, 0 wipes it).', signed: false },
  { key: 'learn', name: 'Learn', explain: 'How much of the new candidate is written into memory.', signed: false },
  { key: 'remember', name: 'Remember', explain: 'The candidate memory from this step (−1 … 1).', signed: true },
  { key: 'use', name: 'Use', explain: 'How much of the memory is passed on to the forecast.', signed: false },
];

function mean(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : Number.NaN;
}

export function renderGates(gates: GateSnapshot | null): void {
  const root = byId('gates');
  root.replaceChildren();
  if (!gates) {
    const empty = document.createElement('div');
    empty.className = 'empty small';
    empty.textContent = 'Train or load a model to see its gates.';
    root.append(empty);
    return;
  }
  for (const g of GATES) {
    const m = mean(gates[g.key]);
    const name = document.createElement('div');
    name.className = 'gname';
    name.textContent = g.name;
    const meter = document.createElement('div');
    meter.className = 'meter';
    const bar = document.createElement('div');
    bar.style.width = `${Math.round((g.signed ? (m + 1) / 2 : m) * 100)}%`;
    meter.append(bar);
    const val = document.createElement('div');
    val.className = 'gval';
    val.textContent = Number.isFinite(m) ? m.toFixed(2) : '–';
    const exp = document.createElement('div');
    exp.className = 'gexp';
    exp.textContent = g.explain;
    root.append(name, meter, val, exp);
  }
  root.dataset.units = String(gates.forget.length);
}
