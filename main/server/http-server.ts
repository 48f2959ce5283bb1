// Browser mode: serves the built page (out/renderer) over http and the app API over a WebSocket
// at /api, bound to 127.0.0.1 unless told otherwise, behind a random token (FAULTS 28).
// Callers: main/cli/commands/serve.ts, the page tests (test/renderer) and the page benchmark.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CommandHandlers, EventEnvelope } from '../../shared/api/contract';
import { createLogger } from '../../shared/logger';
import { readStatic, securityHeaders } from '../window/static-files';

import { hostAllowed, newToken, originAllowed, tokenCookie, tokenSource } from './auth';
import type { ClientQueueInfo } from './client-queue';
import { serveDownload, type DownloadFolders, type ModelDownloads } from './downloads';
import { createWsApi, type WsApiOptions } from './ws-api';

const log = createLogger('server');

export interface PageServerOptions {
  /** The built page folder (out/renderer). Required. */
  root: string;
  handlers: CommandHandlers;
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default: a new random token. */
  token?: string;
  /** Each client's send queue and request limits (see ws-api.ts, client-queue.ts). Default: their defaults. */
  ws?: WsApiOptions;
  /** Folders whose files the page may download (`/download/<name>/<file>.csv`, downloads.ts), e.g. `{ recordings }`. Default: none. */
  downloads?: DownloadFolders;
  /** Saved models the page may download (`/download/models/<name>`, downloads.ts). Default: none. */
  models?: ModelDownloads;
}

export interface PageServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  /** Pushes an event to every connected page. */
  broadcast(envelope: EventEnvelope): void;
  /** Each connected client's send queue: bytes queued, samples missed, why it was closed. */
  clients(): ClientQueueInfo[];
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const ws = createWsApi(options.handlers, options.ws);
  let port = options.port ?? 8080;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!hostAllowed(req, host, port)) return refuse(res, 421, 'Wrong host.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
      const via = tokenSource(req, url, token, port);
      if (!via) return refuse(res, 401, 'Open the URL printed by `sensorcast serve`: it carries the access token.');
      if (await serveDownload(url.pathname, options.downloads ?? {}, res, req.method === 'HEAD', options.models)) return;
      const file = await readStatic(options.root, url.pathname);
      const headers: Record<string, string> = { ...file.headers };
      if (via === 'query') headers['Set-Cookie'] = `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(file.status, headers);
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err: unknown) => {
      log.error('request failed', err);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
    });
  };

  const server: Server = createServer(onRequest);
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api' || !hostAllowed(req, host, port) || !originAllowed(req) || !tokenSource(req, url, token, port)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    ws.server.handleUpgrade(req, socket, head, (client) => ws.server.emit('connection', client, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    broadcast: (envelope) => ws.broadcast(envelope),
    clients: () => ws.clients(),
    close: async () => {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
