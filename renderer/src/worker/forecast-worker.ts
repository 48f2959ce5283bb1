// The forecasting Web Worker: trains the engine off the UI thread, then streams a forecast for
// every new sample through the engine's streaming forecaster (shared/model/stream.ts: one LSTM
// cell step per sample, on the wasm kernel where it loads), scores it (live skill) and reports the
// gates. Chooses the tfjs backend. Started by worker-client.ts; speaks the messages of messages.ts.
import * as tf from '@tensorflow/tfjs';

import { SkillTracker } from '../../../shared/eval/live-skill';
import { loadBundle, train, type Forecaster, type StreamingForecaster, type TrainOptions } from '../../../shared/model';

import { chooseBackend, trainerFor, webglContextLost } from './backend';
import { runBacktest } from './backtest-job';
import { pageError } from './option-names';
import type { FromWorker, GateSnapshot, StampedForecast, ToWorker } from './messages';

const scope = self as unknown as { postMessage(msg: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

let backendReady: Promise<unknown> | null = null;
/** The LSTM trainer the user's backend choice asks for (see trainerFor). */
let trainer: TrainOptions['trainer'] = 'auto';
let forecaster: Forecaster | null = null;
let stream: StreamingForecaster | null = null;
let cancel: { aborted: boolean; reason: 'user' | 'context-lost' | null } = { aborted: false, reason: null };
/** The newest backtest's cancel flag, made when its message arrives (a cancel may come before it starts). */
let backtestCancel = { aborted: false };
const backtestSignals = new WeakMap<ToWorker, { aborted: boolean }>();
let training = false;
let testHooks = false;
const skill = new SkillTracker();
let origins = 0;
/** See the `score-after` message. */
let scoreAfter: number | null = null;

const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

function replaceModel(next: Forecaster): void {
  forecaster?.dispose();
  forecaster = next;
  stream = next.stream();
  // The badge compares with seasonal naive where the model found a season.
  skill.setPeriod(next.info.period);
  origins = 0;
}

/** Pushes rows (target first) through the streaming cell; collects what the page draws. */
function pushRows(t: number[], rows: number[][], gaps: readonly number[] = [], replay = false): { latest: StampedForecast | null; segments: StampedForecast[] } {
  const segments: StampedForecast[] = [];
  let latest: StampedForecast | null = null;
  if (!stream) return { latest, segments };
  const breaks = new Set(gaps);
  // A replay scores only values after the model's training data (see the score-after message).
  let inTraining = replay;
  for (let i = 0; i < rows.length; i++) {
    if (inTraining && scoreAfter !== null && t[i] > scoreAfter) {
      inTraining = false;
      skill.clearScores();
    }
    if (breaks.has(i)) {
      // Nothing crosses a gap: the LSTM state and history restart, and no forecast made before it is scored after it.
      stream.reset();
      skill.gap();
    }
    const value = rows[i][0];
    skill.observe(value);
    const pushed = stream.push(rows[i]);
    if (!pushed) continue;
    // The engine reuses its result object on the next push: keep a copy.
    const result = { mean: pushed.mean.slice(), lower: pushed.lower.slice(), upper: pushed.upper.slice(), level: pushed.level };
    skill.addForecast(value, result.mean);
    latest = { t: t[i], ...result };
    if (origins++ % result.mean.length === 0) segments.push(latest);
  }
  return { latest, segments };
}

function gatesSnapshot(): GateSnapshot | null {
  const g = stream?.gates();
  return g ? { forget: g.forget, learn: g.learn, remember: g.remember, use: g.use } : null;
}

async function onMessage(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'test-lose-context': {
      if (!testHooks) return;
      const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
      return;
    }
    case 'init': {
      testHooks = msg.softwareWebgl;
      backendReady = chooseBackend(msg.backend, msg.softwareWebgl).then(
        (r) => {
          trainer = trainerFor(msg.backend, r.backend);
          post({ type: 'backend', backend: r.backend, tried: r.tried });
        },
        (err: unknown) => post({ type: 'failed', ...pageError(err) }),
      );
      await backendReady;
      return;
    }
    case 'train': {
      if (training) return;
      await backendReady;
      training = true;
      cancel = { aborted: false, reason: null };
      const started = performance.now();
      // Why: after a lost context tfjs may never return from the epoch; watch from outside it (FAULTS 22).
      let lost = false;
      const watchdog = setInterval(() => {
        if (lost || !webglContextLost()) return;
        lost = true;
        cancel.aborted = true;
        cancel.reason = 'context-lost';
        post({ type: 'train-failed', code: 'WEBGL_CONTEXT_LOST', message: 'The GPU (WebGL) context was lost during training; the model was not kept.', hint: 'sensorcast switched to wasm: train again.' });
      }, 250);
      try {
        const model = await train(
          { table: msg.table, target: msg.target, covariates: msg.covariates },
          { horizon: msg.horizon, epochs: msg.epochs, trainer },
          {
            signal: cancel,
            onProgress: (progress) => {
              // Why: a lost WebGL context computes nothing trustworthy; stop before it is saved (FAULTS 22).
              if (webglContextLost()) {
                cancel.aborted = true;
                cancel.reason = 'context-lost';
              }
              post({ type: 'progress', progress });
            },
          },
        );
        if (lost) return void model.dispose();
        if (cancel.reason === 'context-lost' || webglContextLost()) {
          model.dispose();
          throw Object.assign(new Error('The WebGL context was lost during training.'), { code: 'WEBGL_CONTEXT_LOST' });
        }
        replaceModel(model);
        post({ type: 'trained', info: model.info, seconds: (performance.now() - started) / 1000 });
      } catch (err) {
        if (lost) return;
        if (cancel.reason === 'context-lost' || webglContextLost()) {
          post({ type: 'train-failed', code: 'WEBGL_CONTEXT_LOST', message: 'The GPU (WebGL) context was lost during training; the model was not kept.', hint: 'sensorcast switched to wasm: train again.' });
        } else post({ type: 'train-failed', ...pageError(err) });
      } finally {
        clearInterval(watchdog);
        training = false;
      }
      return;
    }
    case 'cancel':
      cancel.aborted = true;
      cancel.reason = 'user';
      return;
    case 'prime':
    case 'push': {
      if (msg.type === 'prime') {
        stream?.reset();
        skill.reset();
        origins = 0;
      }
      const { latest, segments } = pushRows(msg.t, msg.rows, msg.type === 'push' ? msg.gaps : undefined, msg.type === 'prime');
      // Why: replayed history may include the rows the model trained on; the badge scores only
      // values after its training data (when the page knows where they end), else only values
      // that arrive after the model exists (the forecasts already made stay pending).
      if (msg.type === 'prime' && (scoreAfter === null || !(msg.t.at(-1)! > scoreAfter))) skill.clearScores();
      const waiting = stream?.waiting() ?? 0;
      // After a gap the stream is silent until its window refills: say so (the page shows "waiting for N samples").
      if (latest || waiting || msg.type === 'prime') post({ type: 'forecasts', latest, segments, skill: skill.snapshot(), gates: gatesSnapshot(), waiting, ...(msg.type === 'prime' ? { view: msg.view } : {}) });
      return;
    }
    case 'save': {
      if (!forecaster) {
        post({ type: 'failed', code: 'no-model', message: 'There is no trained model to save.', hint: 'Train a model first.' });
        return;
      }
      const bundle = await forecaster.toBundle();
      post({ type: 'saved', manifest: bundle.manifest, weights: bundle.weights }, [bundle.weights]);
      return;
    }
    case 'load': {
      await backendReady;
      try {
        const model = await loadBundle({ manifest: msg.manifest, weights: msg.weights });
        replaceModel(model);
        post({ type: 'loaded', info: model.info });
      } catch (err) {
        // The current model stays (FAULTS 24).
        post({ type: 'failed', ...pageError(err) });
      }
      return;
    }
    case 'backtest': {
      await backendReady;
      try {
        await runBacktest(msg, backtestSignals.get(msg) ?? backtestCancel, post, trainer);
      } catch (err) {
        post({ type: 'backtest-failed', ...pageError(err) });
      } finally {
        backtestSignals.delete(msg);
      }
      return;
    }
    case 'backtest-cancel':
      backtestCancel.aborted = true;
      return;
    case 'score-after':
      scoreAfter = msg.t;
      return;
    case 'drop-model':
      forecaster?.dispose();
      forecaster = null;
      stream = null;
      return;
  }
}

// Slow messages (init, train, backtest, save, load) run one at a time, in order; the quick ones run at
// once, so a cancel reaches a running train and the old model keeps forecasting while training.
const IMMEDIATE = new Set<ToWorker['type']>(['cancel', 'backtest-cancel', 'push', 'prime', 'score-after', 'drop-model', 'test-lose-context']);
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  if (IMMEDIATE.has(e.data.type)) {
    onMessage(e.data).catch((err: unknown) => post({ type: 'failed', ...pageError(err) }));
    return;
  }
  if (e.data.type === 'backtest') backtestSignals.set(e.data, (backtestCancel = { aborted: false }));
  queue = queue.then(() => onMessage(e.data)).catch((err: unknown) => post({ type: 'failed', ...pageError(err) }));
};
