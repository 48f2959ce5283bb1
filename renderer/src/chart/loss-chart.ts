// Training curves: loss and validation loss per epoch, updated live while the worker trains.
// Callers: app.ts.
import { Chart, Legend, LineController, LineElement, LinearScale, LogarithmicScale, PointElement } from 'chart.js';

import { themeColors } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend);

export class LossChart {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;

  constructor(canvas: HTMLCanvasElement) {
    const c = themeColors();
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          { label: 'loss', data: [], borderColor: c.loss, backgroundColor: c.loss, borderWidth: 1.5, pointRadius: 0 },
          { label: 'val loss', data: [], borderColor: c.valLoss, backgroundColor: c.valLoss, borderWidth: 1.5, pointRadius: 0 },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: false }, ticks: { color: c.text, precision: 0, maxTicksLimit: 6 }, grid: { color: c.grid } },
          y: { type: 'logarithmic', ticks: { color: c.text, maxTicksLimit: 4 }, grid: { color: c.grid } },
        },
        plugins: { legend: { labels: { color: c.text, boxWidth: 10, boxHeight: 2, font: { size: 11 } } } },
      },
    });
  }

  clear(): void {
    for (const ds of this.chart.data.datasets) ds.data = [];
    this.chart.update('none');
  }

  add(epoch: number, loss: number, valLoss: number): void {
    const [l, v] = this.chart.data.datasets;
    // Why: a NaN or non-positive loss cannot sit on a log axis; it is reported in words instead.
    if (Number.isFinite(loss) && loss > 0) l.data.push({ x: epoch, y: loss });
    if (Number.isFinite(valLoss) && valLoss > 0) v.data.push({ x: epoch, y: valLoss });
    this.chart.update('none');
  }

  applyTheme(): void {
    const c = themeColors();
    const [l, v] = this.chart.data.datasets;
    l.borderColor = c.loss;
    v.borderColor = c.valLoss;
    const s = this.chart.options.scales!;
    for (const axis of [s.x!, s.y!]) {
      axis.ticks!.color = c.text;
      axis.grid!.color = c.grid;
    }
    this.chart.options.plugins!.legend!.labels!.color = c.text;
    this.chart.update('none');
  }
}
