// The app:// protocol: serves the built page (out/renderer) to the window with the CSP header and
// no path traversal, instead of file:// (which would expose the whole disk to the page).
// Callers: main/index.ts (registerAppScheme before ready, handleAppProtocol after).
import { protocol } from 'electron';

import { readStatic } from './static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sensorcast';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app.whenReady()`: a standard, secure scheme so fetch, workers and wasm work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Answers one app:// request from files under `root`. Exported for tests. */
export async function answerAppRequest(root: string, url: string): Promise<Response> {
  const parsed = new URL(url);
  // Why: one host only; anything else under app:// is not ours to serve.
  if (parsed.host !== APP_HOST) return new Response('forbidden', { status: 403 });
  const file = await readStatic(root, parsed.pathname);
  return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers });
}

export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(root, request.url));
}
