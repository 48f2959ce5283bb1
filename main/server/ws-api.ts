// The app API over a WebSocket (browser mode): `{ id, method, params }` in, `{ id, result }` back,
// and `{ event, payload }` pushed to every client. Same dispatch and validation as Electron's IPC.
// Callers: http-server.ts.
import { WebSocketServer, type WebSocket } from 'ws';

import { MAX_MESSAGE_BYTES, fail, type CommandHandlers, type EventEnvelope } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';
import { dispatchCommand } from '../ipc/dispatch';

const log = createLogger('ws');

/** Above this many queued bytes a slow client skips sample batches (it catches up on the next). */
const BACKPRESSURE_BYTES = 8 * 1024 * 1024;

export interface WsApi {
  server: WebSocketServer;
  broadcast(envelope: EventEnvelope): void;
  close(): Promise<void>;
}

export function createWsApi(handlers: CommandHandlers): WsApi {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('connection', (socket: WebSocket) => {
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
          reply = await dispatchCommand(handlers, msg.method, msg.params);
        } catch (err) {
          reply = fail('invalid-payload', `Bad message: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, result: reply }));
      })();
    });
    socket.on('error', (err) => log.warn(`socket error: ${err.message}`));
  });

  return {
    server,
    broadcast(envelope) {
      const text = JSON.stringify(envelope);
      for (const client of server.clients) {
        if (client.readyState !== client.OPEN) continue;
        if (envelope.event === 'samples' && client.bufferedAmount > BACKPRESSURE_BYTES) continue;
        client.send(text);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
