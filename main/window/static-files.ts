// Static files of the built page (out/renderer): path resolution without traversal, MIME types,
// and the security headers every response carries. Callers: the app:// protocol (window/protocol.ts)
// and the browser-mode http server (server/http-server.ts).
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import { CONTENT_SECURITY_POLICY } from './csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (`/assets/index.js`, already without query) to a file under `root`, or null
 * when it would leave `root` (`..`, encoded `%2e%2e`, backslashes, NUL, absolute paths).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Why: a NUL or backslash in a URL path is never a real asset, only a way around the checks.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const rel = parts.length === 0 ? 'index.html' : parts.join('/');
  const base = resolve(root);
  const full = resolve(join(base, rel));
  const inside = relative(base, full);
  // Why: the final check on the resolved path, whatever the parsing above missed.
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return full;
}

/** Headers on every page response: the CSP and the usual hardening. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
  };
}

export interface StaticFile {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Reads one static file for a URL path: 200 with the file, 404 when missing, 403 when outside root. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile> {
  const headers = securityHeaders();
  const path = resolveStaticPath(root, urlPath);
  if (path === null) return { status: 403, headers: { ...headers, 'Content-Type': 'text/plain' }, body: Buffer.from('forbidden') };
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(path);
    return { status: 200, headers: { ...headers, 'Content-Type': contentType(path), 'Cache-Control': 'no-cache' }, body };
  } catch {
    return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: Buffer.from('not found') };
  }
}
