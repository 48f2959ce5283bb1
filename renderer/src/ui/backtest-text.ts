// What the backtest dialog says: the table of every method (the pick and the best marked), the
// test span in words, and one origin's time and error. Pure apart from renderTable (which fills
// a <table>). Callers: backtest-panel.ts and its test.
import type { ForecastMethod } from '../../../shared/model/types';

import { tickLabel } from '../chart/time-labels';
import type { BacktestView } from '../worker/messages';
import { fmt } from './dom';

const rowsText = (from: number, to: number): string => `rows ${(from + 1).toLocaleString('en-US')}–${to.toLocaleString('en-US')}`;

/** A time of the data, as precise as its step needs; a row number without a clock. */
function when(view: BacktestView, row: number): string {
  if (!view.time) return `row ${(row + 1).toLocaleString('en-US')}`;
  const step = view.info.intervalMs ?? 1000;
  return tickLabel(view.time[row - view.chartFrom], step, null);
}

/** The span, the pick and the meaning of the columns, in a few sentences. */
export function describeSpan(view: BacktestView): string {
  const { table } = view;
  const every = view.stride === 1 ? 'every row' : `every ${view.stride} rows`;
  const mase = table.period > 1 ? `seasonal naive's error (lag ${table.period})` : "naive's error (the last value)";
  return [
    `One model trained on ${rowsText(0, view.testFrom)}, then forecast from ${view.origins.length} origins in ${rowsText(view.testFrom, view.testTo)} (${when(view, view.testFrom)} on), ${every}, each reading only the rows before it.`,
    `The engine picked ${table.pick} on its validation windows${pickWhy(table.pick, table.pickReason)}.`,
    `MASE: error relative to ${mase} on the training rows (below 1 beats it). Coverage: share of actual values inside the ${Math.round(100 * table.level)} % interval.`,
  ].join(' ');
}

/** The engine's reason without the method's name it starts with ("lstm: lowest validation MAE of …"). */
function pickWhy(pick: string, reason: string): string {
  const why = reason.startsWith(`${pick}: `) ? reason.slice(pick.length + 2) : reason;
  return why ? ` (${why})` : '';
}

/** "Origin 3 of 37: Mar 1937 (row 195)". */
export function originText(view: BacktestView, index: number): string {
  const row = view.origins[index];
  const at = view.time ? `${when(view, row)} (row ${(row + 1).toLocaleString('en-US')})` : when(view, row);
  return `Origin ${index + 1} of ${view.origins.length}: ${at}`;
}

/** Mean absolute error of `method`'s forecast from origin `index` (steps without an actual value skipped). */
export function originMae(view: BacktestView, index: number, method: ForecastMethod): string {
  const f = view.forecasts[method];
  if (!f) return '–';
  const origin = view.origins[index];
  let sum = 0;
  let n = 0;
  for (let h = 0; h < view.horizon; h++) {
    const y = view.actual[origin + h - view.chartFrom];
    if (Number.isNaN(y)) continue;
    sum += Math.abs(y - f.mean[index * view.horizon + h]);
    n++;
  }
  return n ? fmt(sum / n) : '–';
}

const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);

/** Fills `el` with the table: method, MAE, RMSE, MASE, coverage; the pick and the best marked. */
export function renderTable(el: HTMLTableElement, view: BacktestView): void {
  const unit = view.unit ? ` (${view.unit})` : '';
  const head = el.createTHead();
  head.replaceChildren();
  const hr = head.insertRow();
  for (const [text, title] of [
    ['Method', ''],
    [`MAE${unit}`, 'Mean absolute error'],
    [`RMSE${unit}`, 'Root mean squared error'],
    ['MASE', 'MAE relative to the baseline on the training rows'],
    [`Coverage`, `Share of actual values inside the ${Math.round(100 * view.table.level)} % interval`],
  ]) {
    const th = document.createElement('th');
    th.textContent = text;
    if (title) th.title = title;
    th.scope = 'col';
    hr.append(th);
  }
  const body = el.tBodies[0] ?? el.createTBody();
  body.replaceChildren();
  for (const r of view.table.rows) {
    const tr = body.insertRow();
    tr.dataset.method = r.method;
    if (r.pick) tr.dataset.pick = 'true';
    if (r.best) tr.dataset.best = 'true';
    const name = tr.insertCell();
    name.textContent = r.method;
    if (r.pick) name.append(tag('pick', 'The engine picked this method on its validation windows'));
    if (r.best) name.append(tag('best', 'Lowest MASE on the test span'));
    for (const v of [fmt(r.mae), fmt(r.rmse), Number.isNaN(r.mase) ? '–' : r.mase.toFixed(3), pct(r.coverage)]) tr.insertCell().textContent = v;
  }
}

function tag(text: string, title: string): HTMLElement {
  const s = document.createElement('span');
  s.className = `bt-tag bt-${text}`;
  s.textContent = text;
  s.title = title;
  return s;
}
