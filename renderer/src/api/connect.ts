// Finds the app API: Electron's preload puts it on `window.sensorcast`; in browser mode the page
// connects to the server's WebSocket. Callers: main.ts.
import type { AppApi } from '../../../shared/api/contract';

import { connectWebSocket } from './ws-client';

declare global {
  interface Window {
    sensorcast?: AppApi;
  }
}

export interface Connection {
  api: AppApi;
  mode: 'electron' | 'browser';
  onClose(listener: () => void): void;
}

export async function connectApi(): Promise<Connection> {
  if (window.sensorcast) return { api: window.sensorcast, mode: 'electron', onClose: () => undefined };
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const client = await connectWebSocket(`${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`);
  return { api: client.api, mode: 'browser', onClose: (l) => client.onClose(l) };
}
