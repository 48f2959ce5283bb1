// The page's handle on the forecasting worker: starts it, sends typed messages, and hands each
// reply to every listener (the forecast session, the backtest panel). Callers: main.ts.
import type { FromWorker, ToWorker } from './messages';

export class WorkerClient {
  private worker: Worker;
  private readonly listeners: ((msg: FromWorker) => void)[] = [];

  constructor() {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./forecast-worker.ts', import.meta.url), { type: 'module', name: 'sensorcast-forecaster' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.emit(e.data);
    worker.onerror = (e) => this.emit({ type: 'failed', code: 'worker-crashed', message: `The forecasting worker stopped: ${e.message}`, hint: 'Reload the page; live data and recording go on.' });
    return worker;
  }

  /** Replaces a worker that is stuck (a lost GPU context can hang tfjs) with a fresh one. */
  restart(): void {
    this.worker.terminate();
    this.worker = this.start();
  }

  /** Adds a listener for every reply. */
  onMessage(listener: (msg: FromWorker) => void): void {
    this.listeners.push(listener);
  }

  private emit(msg: FromWorker): void {
    for (const listener of this.listeners) listener(msg);
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }
}
