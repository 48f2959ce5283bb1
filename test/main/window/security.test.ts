// Electron glue with Electron mocked (test/setup/electron-fake.ts): the window's webPreferences,
// the CSP, the permission, navigation, new-window and network handlers (FAULTS 29, 30).
import { readFileSync } from 'node:fs';

import { beforeEach, describe, expect, it } from 'vitest';

import { createMainWindow } from '../../../main/window/create-window';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../../main/window/csp';
import { isAllowedExternalUrl } from '../../../main/window/external-links';
import { buildMenuTemplate } from '../../../main/window/menu';
import { APP_URL, registerAppScheme } from '../../../main/window/protocol';
import { hardenSession, hardenWebContents } from '../../../main/window/security';
import { recorded, resetElectronFake, FakeWebContents } from '../../setup/electron-fake';

beforeEach(() => resetElectronFake());

describe('window', () => {
  it('is sandboxed, context-isolated and has no Node in the page', () => {
    createMainWindow({ preload: '/app/out/preload/index.cjs' });
    const prefs = recorded.windows[0].options.webPreferences;
    expect(prefs).toMatchObject({ preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false, disableBlinkFeatures: 'Auxclick' });
  });

  it('loads the page from app://, never file:// or the network', () => {
    createMainWindow({ preload: '/app/out/preload/index.cjs' });
    const win = recorded.windows[0];
    expect(win.webContents.loadedUrl).toBe(APP_URL);
    expect(APP_URL).toBe('app://sensorcast/index.html');
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    // The window got the per-window hardening.
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('registers app:// as a standard secure scheme', () => {
    registerAppScheme();
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
  });
});

describe('Content-Security-Policy', () => {
  it('has no unsafe-eval and allows only wasm compilation', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'/);
    expect(CSP_DIRECTIVES['script-src']).toBe("'self' 'wasm-unsafe-eval'");
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['connect-src']).toBe("'self'");
  });

  it('matches the meta tag in renderer/index.html', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = Object.fromEntries(meta!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    for (const [k, v] of Object.entries(CSP_DIRECTIVES)) {
      if (k === 'frame-ancestors') continue; // not allowed in a meta tag; the header carries it
      expect(directives[k], k).toBe(v);
    }
  });
});

describe('session hardening', () => {
  beforeEach(() => hardenSession(electronSession()));

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'hid', 'clipboard-read']) {
      let granted: boolean | undefined;
      recorded.permissionRequestHandler!(null, permission, (g: boolean) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(recorded.permissionCheckHandler!(null, permission)).toBe(false);
    }
  });

  it('cancels every request that is not the app itself (no network at all)', () => {
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('app://sensorcast/index.html')).toBe(false);
    expect(verdict('app://sensorcast/wasm/tfjs-backend-wasm-simd.wasm')).toBe(false);
    expect(verdict('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm/dist/x.wasm')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('app://other-host/index.html')).toBe(true);
  });

  it('adds the CSP header to every response', () => {
    let headers: Record<string, string[]> | undefined;
    recorded.headersReceived!({ responseHeaders: { 'content-type': ['text/html'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers!['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers!['content-type']).toEqual(['text/html']);
  });
});

describe('web contents hardening', () => {
  it('blocks navigation, redirects and webviews', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, event).toBe(true);
    }
  });

  it('opens no new windows; allowlisted https links go to the system browser', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const open = (url: string) => contents.windowOpenHandler!({ url }) as { action: string };
    expect(open('https://github.com/sensorcast/sensorcast')).toEqual({ action: 'deny' });
    expect(open('http://github.com/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(recorded.openedExternal).toEqual(['https://github.com/sensorcast/sensorcast']);
  });

  it('allows only https links to known hosts for openExternal', () => {
    expect(isAllowedExternalUrl('https://docs.arduino.cc/language-reference/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('smb://github.com/share')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('app menu', () => {
  it('is a standard menu whose app actions reach the page', () => {
    const sent: string[] = [];
    const template = buildMenuTemplate((a) => sent.push(a), 'linux') as { label?: string; role?: string; submenu?: { label?: string; accelerator?: string; click?: () => void }[] }[];
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'Model', 'windowMenu', 'help']);
    const model = template.find((m) => m.label === 'Model')!.submenu!;
    const trainItem = model.find((i) => i.label === 'Train')!;
    expect(trainItem.accelerator).toBe('CmdOrCtrl+Enter');
    trainItem.click!();
    expect(sent).toEqual(['train']);
  });
});

function electronSession(): never {
  // The fake's defaultSession records the handlers hardenSession installs.
  return {
    setPermissionRequestHandler: (h: never) => (recorded.permissionRequestHandler = h),
    setPermissionCheckHandler: (h: never) => (recorded.permissionCheckHandler = h),
    webRequest: { onBeforeRequest: (h: never) => (recorded.beforeRequest = h), onHeadersReceived: (h: never) => (recorded.headersReceived = h) },
  } as never;
}
