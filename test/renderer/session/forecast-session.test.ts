import { describe, expect, it } from 'vitest';

import { ForecastSession, type ForecastSessionEvents } from '../../../renderer/src/session/forecast-session';
import type { FromWorker, StampedForecast, ToWorker } from '../../../renderer/src/worker/messages';
import type { WorkerClient } from '../../../renderer/src/worker/worker-client';

/** A worker that records what the page sends and lets the test answer. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  let listener: (msg: FromWorker) => void = () => undefined;
  let restarts = 0;
  const worker = {
    send: (msg: ToWorker) => sent.push(msg),
    onMessage: (l: (msg: FromWorker) => void) => (listener = l),
    restart: () => restarts++,
  } as unknown as WorkerClient;
  return { worker, sent, reply: (msg: FromWorker) => listener(msg), restarts: () => restarts };
}

const events = (log: string[]): ForecastSessionEvents => ({
  backend: (b) => log.push(`backend ${b}`),
  progress: () => log.push('progress'),
  ready: (info, seconds) => log.push(`ready ${info.target} ${seconds}`),
  trainFailed: (e, dropped) => log.push(`failed ${e.code} ${dropped}`),
  saved: () => log.push('saved'),
  failed: (e) => log.push(`error ${e.code}`),
});

const forecasts = (t: number, view?: number): FromWorker => ({
  type: 'forecasts',
  latest: { t, mean: [1], lower: [0], upper: [2] } as StampedForecast,
  segments: [{ t, mean: [1], lower: [0], upper: [2] } as StampedForecast],
  skill: { modelMae: 1, baselineMae: 2, baseline: 'naive', period: 1, ratio: 0.5, pairs: 1 },
  gates: null,
  ...(view === undefined ? {} : { view }),
});

describe('the forecast session (the page side of the worker protocol)', () => {
  it('drops forecasts meant for a view the page has left', () => {
    const w = fakeWorker();
    const s = new ForecastSession(w.worker, events([]), { isLive: () => true });
    s.prime([], []); // view 1
    s.prime([], []); // view 2: a file was opened
    w.reply(forecasts(10, 1)); // the answer to view 1's prime
    w.reply(forecasts(11)); // a push of view 1, still in flight
    expect(s.takeChanged()).toBe(false);
    expect(s.latest).toBeNull();
    w.reply(forecasts(12, 2));
    w.reply(forecasts(13));
    expect(s.takeChanged()).toBe(true);
    expect(s.takeChanged()).toBe(false);
    expect(s.latest?.t).toBe(13);
    expect(s.segments.map((x) => x.t)).toEqual([12, 13]);
    expect(s.takePanels()?.skill.ratio).toBe(0.5);
    expect(s.takePanels()).toBeNull();
  });

  it('keeps at most 400 past forecasts while live, all of them for a file', () => {
    const w = fakeWorker();
    let live = true;
    const s = new ForecastSession(w.worker, events([]), { isLive: () => live });
    s.prime([], []);
    w.reply(forecasts(0, 1));
    for (let i = 1; i < 500; i++) w.reply(forecasts(i));
    expect(s.segments).toHaveLength(400);
    expect(s.segments[399].t).toBe(499);
    live = false;
    for (let i = 500; i < 600; i++) w.reply(forecasts(i));
    expect(s.segments).toHaveLength(500);
  });

  it('tracks training, and on a lost WebGL context replaces the worker and drops the model', () => {
    const w = fakeWorker();
    const log: string[] = [];
    const s = new ForecastSession(w.worker, events(log), { isLive: () => true });
    s.softwareWebgl = true;
    s.train({ table: { time: null, channels: [], intervalMs: null }, target: 'temp', covariates: [], horizon: 12, epochs: 2 });
    expect(s.training).toBe(true);
    w.reply({ type: 'trained', info: { target: 'temp' } as never, seconds: 1.5 });
    expect(s.training).toBe(false);
    expect(s.model?.target).toBe('temp');
    s.train({ table: { time: null, channels: [], intervalMs: null }, target: 'temp', covariates: [], horizon: 12, epochs: 2 });
    w.reply({ type: 'train-failed', code: 'WEBGL_CONTEXT_LOST', message: 'context was lost' });
    expect(s.model).toBeNull();
    expect(s.backend).toBe('starting');
    expect(w.restarts()).toBe(1);
    expect(w.sent.at(-1)).toEqual({ type: 'init', backend: 'wasm', softwareWebgl: true });
    expect(log).toEqual(['ready temp 1.5', 'failed WEBGL_CONTEXT_LOST true']);
  });
});
