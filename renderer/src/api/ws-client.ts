// Browser mode's AppApi: the same typed methods as Electron's preload, carried over the
// WebSocket at /api (the server checks the token cookie set when the page was opened).
// Callers: api/connect.ts.
import { COMMAND_NAMES, type AppApi, type AppError, type EventEnvelope, type EventName, type EventPayload, type Result } from '../../../shared/api/contract';

type Pending = { resolve: (r: Result<unknown>) => void };

export interface WsClient {
  api: AppApi;
  /** Called when the connection drops (the page then offers to reload). */
  onClose(listener: () => void): void;
}

export function connectWebSocket(url: string): Promise<WsClient> {
  return new Promise((resolveConnect, rejectConnect) => {
    const socket = new WebSocket(url);
    const pending = new Map<number, Pending>();
    const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
    const closeListeners: (() => void)[] = [];
    let nextId = 1;
    let opened = false;

    socket.addEventListener('open', () => {
      opened = true;
      resolveConnect({ api, onClose: (l) => closeListeners.push(l) });
    });
    socket.addEventListener('close', () => {
      const error: AppError = { code: 'disconnected', message: 'The connection to sensorcast was lost.', hint: 'Check that `sensorcast serve` still runs, then reload the page.' };
      for (const p of pending.values()) p.resolve({ ok: false, error });
      pending.clear();
      if (!opened) rejectConnect(new Error('Could not connect to the sensorcast server (is the token in the URL right?).'));
      for (const l of closeListeners) l();
    });
    socket.addEventListener('message', (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as { id?: number; result?: Result<unknown> } & Partial<EventEnvelope>;
      if (typeof msg.id === 'number') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.result as Result<unknown>);
      } else if (msg.event) {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    });

    const call = (method: string, params?: unknown): Promise<Result<unknown>> =>
      new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { code: 'disconnected', message: 'Not connected to sensorcast.' } });
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve });
        socket.send(JSON.stringify({ id, method, params }));
      });

    const methods: Record<string, (params?: unknown) => Promise<Result<unknown>>> = {};
    for (const name of COMMAND_NAMES) methods[name] = (params?: unknown) => call(name, params);
    const api = {
      ...methods,
      on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        const l = listener as (payload: unknown) => void;
        set.add(l);
        return () => set.delete(l);
      },
    } as unknown as AppApi;
  });
}
