// The page in Chromium with WebGL turned off (FAULTS 23), against an in-process browser-mode server
// on the demo (support/no-webgl-page.ts): the worker falls back to wasm by itself and trains. The
// keyboard shortcuts and app-menu commands in the same browser are shortcuts.test.ts; the chart as
// PNG and dark mode, chart-png.test.ts.
import { describe, expect, it } from 'vitest';

import { useNoWebglPage } from './support/no-webgl-page';

const h = useNoWebglPage();

describe('the page without WebGL (FAULTS 23)', () => {
  it('falls back to wasm by itself when WebGL cannot start, trains and says so', async () => {
    // The premise: neither a page nor a worker gets a WebGL context in this Chromium (probed on a
    // blank page of the same browser: the app's CSP rightly refuses blob: workers).
    const probe = await h.browser.context.newPage();
    const gl = await probe.evaluate(async () => {
      const inPage = ['webgl', 'webgl2'].map((k) => document.createElement('canvas').getContext(k) !== null);
      const src = "postMessage(['webgl', 'webgl2'].map((k) => new OffscreenCanvas(1, 1).getContext(k) !== null))";
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
      const inWorker = await new Promise<boolean[]>((r) => (w.onmessage = (e) => r(e.data as boolean[])));
      w.terminate();
      return { inPage, inWorker };
    });
    await probe.close();
    expect(gl).toEqual({ inPage: [false, false], inWorker: [false, false] });
    const v = await h.until('a model trained without WebGL', (s) => s.model === 'ready' && s.backend !== undefined, 150_000);
    expect(['wasm', 'cpu']).toContain(v.backend);
    expect(v.backendText).toBe(`tfjs: ${v.backend}`);
    expect(v.backendTitle).toMatch(/^webgl unavailable: /);
    // Chosen automatically: the setting still says auto.
    expect(await h.page.inputValue('#backend')).toBe('auto');
  });
});

describe('the whole run', () => {
  it('made no request outside the app and logged no errors', () => {
    expect(h.browser.foreignRequests).toEqual([]);
    expect(h.browser.errors).toEqual([]);
  });
});
