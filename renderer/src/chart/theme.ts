// Chart colors from the page's CSS variables, so light and dark mode (following the OS) share
// one palette definition in styles.css. Callers: forecast-chart.ts, loss-chart.ts.

export interface ThemeColors {
  bg: string;
  text: string;
  grid: string;
  actual: string;
  forecast: string;
  band: string;
  past: string;
  loss: string;
  valLoss: string;
}

export function themeColors(): ThemeColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--chart-bg', '#ffffff'),
    text: v('--muted', '#5b6473'),
    grid: v('--grid', 'rgba(127,127,127,0.15)'),
    actual: v('--actual', '#2563eb'),
    forecast: v('--forecast', '#ea580c'),
    band: v('--band', 'rgba(234,88,12,0.18)'),
    past: v('--past', '#a855f7'),
    loss: v('--actual', '#2563eb'),
    valLoss: v('--forecast', '#ea580c'),
  };
}

/** Fills the canvas with the theme background, so an exported PNG is not transparent. */
export const backgroundPlugin = {
  id: 'sensorcast-background',
  beforeDraw(chart: { ctx: CanvasRenderingContext2D; width: number; height: number }) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = themeColors().bg;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};
