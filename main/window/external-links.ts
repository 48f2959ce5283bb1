// The allowlist of links the app may open in the system browser (help, docs, project page).
// Callers: window/security.ts (window.open) and the openExternal command.

/** Hosts the app may open, https only. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'www.tensorflow.org', 'docs.arduino.cc', 'www.chartjs.org'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Why: only https to a known host; no credentials smuggled in the URL, no other scheme (file:, smb:, javascript:).
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && EXTERNAL_LINK_HOSTS.includes(parsed.hostname);
}
