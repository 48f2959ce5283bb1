// The exported PNG: the chart's canvas under a title band (export-title.ts: channel, unit, span,
// model, skill), drawn on one canvas in the theme's colours at the chart's pixel ratio, so the
// saved image says what it shows. Called by ui/export-panel.ts.
import { themeColors } from '../chart/theme';

/** Shortens `text` with `…` until it fits `width` in the context's font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s}…`;
}

/** The details in lines that fit `width`, broken between their ` · ` parts (at most 3 lines). */
function detailLines(ctx: CanvasRenderingContext2D, details: string, width: number): string[] {
  const lines: string[] = [];
  for (const part of details.split(' · ')) {
    const last = lines.length ? `${lines[lines.length - 1]} · ${part}` : part;
    if (lines.length && ctx.measureText(last).width <= width) lines[lines.length - 1] = last;
    else lines.push(part);
  }
  return lines.slice(0, 3).map((l) => fit(ctx, l, width));
}

const HEADING_PX = 15;
const DETAILS_PX = 12;
const LINE_PX = 17;

/** A PNG data URL of `chart` (its canvas as drawn) with the title above it, in the theme's colours. */
export function titledPng(chart: HTMLCanvasElement, title: { heading: string; details: string }): string {
  const ratio = chart.clientWidth > 0 ? chart.width / chart.clientWidth : 1;
  const probe = document.createElement('canvas').getContext('2d');
  const out = document.createElement('canvas');
  if (!probe) return chart.toDataURL('image/png');
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const width = chart.width / ratio - 24;
  probe.font = `${DETAILS_PX}px ${family}`;
  const lines = detailLines(probe, title.details, width);
  const band = Math.round((26 + LINE_PX * lines.length) * ratio);
  out.width = chart.width;
  out.height = chart.height + band;
  const ctx = out.getContext('2d')!;
  const css = getComputedStyle(document.documentElement);
  const colors = themeColors();
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(chart, 0, band);
  ctx.scale(ratio, ratio);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = css.getPropertyValue('--text').trim() || '#1b2230';
  ctx.font = `600 ${HEADING_PX}px ${family}`;
  ctx.fillText(fit(ctx, title.heading, width), 12, 20);
  ctx.fillStyle = colors.text;
  ctx.font = `${DETAILS_PX}px ${family}`;
  lines.forEach((line, i) => ctx.fillText(line, 12, 38 + i * LINE_PX));
  return out.toDataURL('image/png');
}
