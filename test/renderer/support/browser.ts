// Debian's Chromium through playwright-core, with the flags that keep it off the network and,
// for the WebGL runs, give it WebGL on SwiftShader. Callers: the page tests and scripts/bench/page.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface BrowserOptions {
  /** Give the page WebGL through SwiftShader (and the GPU flags). Default false (`--disable-gpu`). */
  webgl?: boolean;
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
  /** Dark color scheme. Default false. */
  dark?: boolean;
  /** More Chromium flags, after the others (the fault tests turn WebGL off). Default none. */
  args?: string[];
}

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** Requests to anything but the served page (must stay empty: FAULTS 29, 30). */
  foreignRequests: string[];
  close(): Promise<void>;
}

export async function openBrowser(url: string, options: BrowserOptions = {}): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sensorcast-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.webgl) args.push('--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-compositing');
  else args.push('--disable-gpu');
  args.push(...(options.args ?? []));
  // A fresh profile every time (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.dark ? 'dark' : 'light',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('ws://' + new URL(url).host) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
  });
  await page.goto(url);
  return {
    context,
    page,
    errors,
    foreignRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
