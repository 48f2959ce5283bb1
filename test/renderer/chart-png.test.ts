// The chart saved as PNG (Ctrl+Shift+P and the app menu) and dark mode, in Chromium without WebGL
// on the demo (support/no-webgl-page.ts, as faults.test.ts): a real PNG with the lines drawn, and
// the page, the chart and its PNG following the OS's colour scheme.
import { describe, expect, it } from 'vitest';

import { hex, useNoWebglPage, VIAS } from './support/no-webgl-page';
import { countNear, PNG_SIGNATURE, readPng } from './support/png';

const h = useNoWebglPage({ trained: true });

describe('the chart as PNG, and dark mode', () => {
  it.each(VIAS)('saves the chart from %s (Ctrl+Shift+P) as a real PNG, as wide as the chart and taller by its title, with the lines drawn', async (via) => {
    const file = await h.savedPng(via);
    expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const png = readPng(file);
    const canvas = await h.page.$eval('#chart', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
    // The chart under its title band (ui/export-png.ts): as wide, taller.
    expect(png.width).toBe(canvas.width);
    expect(png.height).toBeGreaterThan(canvas.height);
    expect(png.width).toBeGreaterThan(300);
    const { chartBg, actual } = await h.colours();
    // Not blank: the background fills most of it, the actual line and the axis text the rest.
    expect(countNear(png, chartBg, 2)).toBeGreaterThan(png.width * png.height * 0.3);
    expect(countNear(png, actual)).toBeGreaterThan(100);
    const distinct = new Set<number>();
    for (let i = 0; i < png.rgba.length; i += 4) distinct.add((png.rgba[i] << 16) | (png.rgba[i + 1] << 8) | png.rgba[i + 2]);
    expect(distinct.size).toBeGreaterThan(50);
  });

  it('follows the OS into dark mode and back: the page, the chart and its PNG change colour', async () => {
    await h.page.emulateMedia({ colorScheme: 'light' });
    const light = await h.colours();
    const lightPng = readPng(await h.savedPng('its shortcut'));
    await h.page.emulateMedia({ colorScheme: 'dark' });
    const dark = await h.colours();
    expect(dark.body).not.toBe(light.body);
    expect(dark.chartBg).not.toBe(light.chartBg);
    expect(dark.actual).not.toBe(light.actual);
    await h.page.waitForTimeout(500);
    const darkPng = readPng(await h.savedPng('its shortcut'));
    // The corner is the chart background; the actual line is drawn in the dark palette's colour.
    expect(hex(lightPng.rgba.subarray(0, 3))).toBe(light.chartBg);
    expect(hex(darkPng.rgba.subarray(0, 3))).toBe(dark.chartBg);
    expect(countNear(darkPng, dark.chartBg, 2)).toBeGreaterThan(darkPng.width * darkPng.height * 0.3);
    expect(countNear(darkPng, dark.actual)).toBeGreaterThan(100);
    await h.page.screenshot({ path: 'test-results/faults-dark.png' });
    await h.page.emulateMedia({ colorScheme: 'light' });
    expect((await h.colours()).body).toBe(light.body);
  });
});

describe('the whole run', () => {
  it('made no request outside the app and logged no errors', () => {
    expect(h.browser.foreignRequests).toEqual([]);
    expect(h.browser.errors).toEqual([]);
  });
});
