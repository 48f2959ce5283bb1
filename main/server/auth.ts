// Browser-mode access control: a random token in the printed URL, kept in an HttpOnly cookie
// after the first page load; requests without it are refused (FAULTS 28). Callers: http-server.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why: cookies ignore the port, so the name carries it; another local service never receives this one. */
export function tokenCookie(port: number): string {
  return `sensorcast_token_${port}`;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Why: constant-time comparison, so the token cannot be guessed byte by byte from timings.
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** Where the request's token came from (the query, or the cookie of this `port`), or null when it has no valid one. */
export function tokenSource(req: IncomingMessage, url: URL, token: string, port: number): 'query' | 'cookie' | null {
  const q = url.searchParams.get('token');
  if (q !== null && sameToken(q, token)) return 'query';
  const c = cookieToken(req, tokenCookie(port));
  if (c !== null && sameToken(c, token)) return 'cookie';
  return null;
}

/** Why: a DNS-rebinding page would send its own host name; on loopback only loopback names are ours. */
export function hostAllowed(req: IncomingMessage, boundHost: string, port: number): boolean {
  const host = req.headers.host;
  if (!host) return false;
  const loopback = boundHost === '127.0.0.1' || boundHost === 'localhost' || boundHost === '::1';
  if (!loopback) return true;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/** Why: a WebSocket from another site's page would carry that site's Origin. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin) return true; // non-browser clients (tests, scripts) still need the token
  return host !== undefined && origin === `http://${host}`;
}
