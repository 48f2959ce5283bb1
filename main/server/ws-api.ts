// The app API over a WebSocket (browser mode): `{ id, method, params }` in, `{ id, result }` back,
// and `{ event, payload }` pushed to every client. Same dispatch and validation as Electron's IPC.
// Everything sent to a client goes through its bounded send queue (client-queue.ts).
// Callers: http-server.ts.
import { WebSocketServer, type WebSocket } from 'ws';

import { MAX_MESSAGE_BYTES, fail, type CommandHandlers, type EventEnvelope } from '../../shared/api/contract';
import { errorMessage } from '../../shared/errors';
import { createLogger } from '../../shared/logger';
import { dispatchCommand } from '../api/dispatch';

import { ClientQueue, queueLimits, type ClientQueueInfo, type ClientQueueOptions } from './client-queue';

const log = createLogger('ws');

export interface WsApiOptions extends ClientQueueOptions {
  /** Commands one client may have in progress; more are answered `busy` at once. Default 16. */
  maxInFlight?: number;
}

export interface WsApi {
  server: WebSocketServer;
  broadcast(envelope: EventEnvelope): void;
  /** Each connected client's queue, then the last 16 clients the server closed (with the reason). */
  clients(): ClientQueueInfo[];
  close(): Promise<void>;
}

export function createWsApi(handlers: CommandHandlers, options: WsApiOptions = {}): WsApi {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const limits = queueLimits(options);
  const maxInFlight = options.maxInFlight ?? 16;
  const queues = new Map<WebSocket, ClientQueue>();
  const closedByUs: ClientQueueInfo[] = [];

  server.on('connection', (socket: WebSocket) => {
    const queue = new ClientQueue(socket, limits);
    queues.set(socket, queue);
    let inFlight = 0;
    socket.on('message', (data, isBinary) => {
      void (async () => {
        let id: unknown = null;
        let reply: unknown;
        try {
          if (isBinary) throw new Error('binary frames are not part of the API');
          const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
          const msg = JSON.parse(text) as { id?: unknown; method?: unknown; params?: unknown };
          if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new Error('a message must be a JSON object');
          id = typeof msg.id === 'number' && Number.isSafeInteger(msg.id) ? msg.id : null;
          if (id === null) throw new Error('a message needs a numeric id');
          if (inFlight >= maxInFlight) {
            // Why: requests already read (one TCP read can hold hundreds) must not each build a reply at once.
            reply = fail('busy', `Too many requests in progress (${maxInFlight}); wait for the replies.`);
          } else {
            inFlight++;
            try {
              reply = await dispatchCommand(handlers, msg.method, msg.params);
            } finally {
              inFlight--;
            }
          }
        } catch (err) {
          reply = fail('invalid-payload', `Bad message: ${errorMessage(err)}`);
        }
        queue.send(JSON.stringify({ id, result: reply }));
      })();
    });
    socket.on('close', () => {
      const info = queue.info();
      if (info.closedReason !== null) {
        closedByUs.push(info);
        if (closedByUs.length > 16) closedByUs.shift();
      }
      queue.dispose();
      queues.delete(socket);
    });
    socket.on('error', (err) => log.warn(`socket error: ${err.message}`));
  });

  return {
    server,
    broadcast(envelope) {
      const text = JSON.stringify(envelope);
      for (const queue of queues.values()) {
        if (envelope.event === 'samples') {
          queue.sendSamples(text, envelope.payload as EventEnvelope<'samples'>['payload']);
        } else if (envelope.event === 'monitor') {
          queue.sendMonitor(text, envelope.payload as EventEnvelope<'monitor'>['payload']);
        } else queue.send(text);
      }
    },
    clients: () => [...[...queues.values()].map((q) => q.info()), ...closedByUs],
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        for (const queue of queues.values()) queue.dispose();
        queues.clear();
        server.close(() => resolve());
      }),
  };
}
