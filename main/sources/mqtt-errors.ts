// MQTT source helper: turns what mqtt.js reports for a failed connection (a CONNACK reason code,
// a socket error, a TLS error, a timeout) into a typed ErrorValue with a hint the user can act on.
// Called by mqtt-source.ts.
import { errorMessage, type ErrorValue, errorValue } from '../../shared/errors';

// CONNACK reason codes: MQTT 3.1.1 return codes, then their MQTT 5 equivalents.
const BAD_CREDENTIALS = new Set([4, 134]);
const NOT_AUTHORIZED = new Set([5, 135]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/**
 * Classifies an error from connecting to the broker at `label` (a URL without credentials).
 * `username`: the user the client sent, if any. Mosquitto answers a wrong password with "not
 * authorized" rather than "bad user name or password", so with a user that means bad credentials.
 */
export function classifyMqttError(label: string, err: unknown, username?: string): ErrorValue {
  const text = errorMessage(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') {
    if (BAD_CREDENTIALS.has(code) || (NOT_AUTHORIZED.has(code) && username !== undefined)) {
      return errorValue('BAD_CREDENTIALS', `${label}: the broker refused the user name or password (user "${username ?? ''}")`);
    }
    if (NOT_AUTHORIZED.has(code)) return errorValue('NOT_AUTHORIZED', `${label}: the broker refused a client without a user name (not authorized)`);
    return errorValue('BROKER_REFUSED', `${label}: ${text}`);
  }
  if (typeof code === 'string') {
    if (UNREACHABLE.has(code)) return errorValue('BROKER_UNREACHABLE', `${label}: cannot reach the broker (${code})`);
    if (/CERT|TLS|SSL|SELF_SIGNED|HOSTNAME|ALTNAME/.test(code)) return errorValue('TLS_FAILED', `${label}: ${text}`);
  }
  if (/connack timeout|timed out/i.test(text)) return errorValue('BROKER_UNREACHABLE', `${label}: no answer from the broker (${text})`);
  return errorValue('BROKER_UNREACHABLE', `${label}: ${text}`);
}

/** The URL as shown and logged: without user name or password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
