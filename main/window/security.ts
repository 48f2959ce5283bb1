// Window hardening (Electron's security checklist): permissions denied, navigation and new windows
// blocked, no webviews, no network requests, CSP header on every response.
// Callers: window/create-window.ts for each window it makes.
import { shell, type Session, type WebContents } from 'electron';

import { createLogger } from '../../shared/logger';

import { CONTENT_SECURITY_POLICY } from './csp';
import { isAllowedExternalUrl } from './external-links';
import { APP_ORIGIN } from './protocol';

const log = createLogger('security');

/** URLs the app's own session may load: its protocol and devtools. Everything else is the network. */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://');
}

/** Session-wide rules; call once per session before any window loads. */
export function hardenSession(session: Session): void {
  // Why: the page needs no camera, serial-from-web, notifications...; main owns the hardware.
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // Why: offline installs must never touch the network (and a compromised page must not exfiltrate).
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url);
    if (!allowed) log.warn(`blocked request: ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** Per-window rules. */
export function hardenWebContents(contents: WebContents): void {
  // Why: the page is a single document; a navigation can only be an injected link or a drop.
  contents.on('will-navigate', (event, url) => {
    log.warn(`blocked navigation: ${url}`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Why: no new windows; allowlisted https links go to the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (allowlisted https only)
    else log.warn(`blocked window.open: ${url}`);
    return { action: 'deny' };
  });
}
