// The alert rules on the main chart, a chart.js plugin drawn over the datasets: each threshold
// rule of the charted channel as a dashed line labelled with the rule, where the current forecast
// crosses it (a hollow ring), each threshold alert at the crossing it foresaw (a filled triangle,
// a dotted line at the time it fired), and each anomaly alert's samples (a shaded span, a ring on
// the sample that fired). Geometry only: which alerts fire is shared/alerts's business.
// Installed by ui/alert-panel.ts on ForecastChart's chart.
import type { Chart, Plugin } from 'chart.js';

import type { AlertLogEntry } from '../../../shared/alerts/alert-log';
import { formatRule, type AlertRule } from '../../../shared/alerts/rules';

import { firstCrossing, type XY } from './alert-geometry';
import { DS } from './chart-config';

export interface AlertMarks {
  /** The channel on the chart's main y axis; rules and alerts of other channels are not drawn. */
  target: string | null;
  rules: readonly AlertRule[];
  entries: readonly AlertLogEntry[];
  /** The sample interval, ms (an anomaly's span is its samples this far apart). */
  stepMs: number | null;
}

function color(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function alertOverlay(marks: () => AlertMarks): Plugin<'line'> {
  return {
    id: 'sensorcast-alerts',
    afterDatasetsDraw(chart) {
      const m = marks();
      const x = chart.scales.x;
      const y = chart.scales.y;
      if (!m.target || !x || !y) return;
      const area = chart.chartArea;
      const ctx = chart.ctx;
      const alert = color('--alert', '#dc2626');
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      const forecast = (chart.data.datasets[DS.mean]?.data ?? []) as unknown as XY[];
      for (const rule of m.rules) {
        if (rule.kind !== 'threshold' || rule.channel !== m.target) continue;
        const py = y.getPixelForValue(rule.value);
        if (py < area.top || py > area.bottom) continue;
        ctx.strokeStyle = alert;
        ctx.lineWidth = 1.25;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(area.left, py);
        ctx.lineTo(area.right, py);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = alert;
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.fillText(`${rule.channel} ${rule.op} ${rule.value}`, area.left + 4, rule.op === '>' ? py - 4 : py + 12);
        const cross = firstCrossing(forecast, rule.op, rule.value);
        if (cross) {
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(x.getPixelForValue(cross.x), py, 5, 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
      for (const e of m.entries) {
        if (e.channel !== m.target || e.value === null) continue;
        if (e.kind === 'threshold' && e.forecastTime !== undefined && e.forecastValue !== undefined) {
          const fx = x.getPixelForValue(e.forecastTime);
          const fy = y.getPixelForValue(e.forecastValue);
          const at = x.getPixelForValue(e.time);
          ctx.strokeStyle = alert;
          ctx.globalAlpha = e.acknowledged ? 0.45 : 1;
          ctx.setLineDash([2, 3]);
          ctx.beginPath();
          ctx.moveTo(at, area.top);
          ctx.lineTo(at, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = alert;
          ctx.beginPath();
          ctx.moveTo(fx, fy - 6);
          ctx.lineTo(fx - 5, fy + 4);
          ctx.lineTo(fx + 5, fy + 4);
          ctx.closePath();
          ctx.fill();
          ctx.globalAlpha = 1;
        } else if (e.kind === 'anomaly') {
          // The samples of the run: the rule's count, ending at the one that fired.
          const rule = m.rules.find((r) => r.kind === 'anomaly' && formatRule(r) === e.rule);
          const samples = rule?.kind === 'anomaly' ? rule.samples : 1;
          const from = x.getPixelForValue(e.time - (samples - 1) * (m.stepMs ?? 0)) - 3;
          const to = x.getPixelForValue(e.time) + 3;
          ctx.fillStyle = alert;
          ctx.globalAlpha = e.acknowledged ? 0.08 : 0.16;
          ctx.fillRect(from, area.top, Math.max(6, to - from), area.bottom - area.top);
          ctx.globalAlpha = 1;
          ctx.strokeStyle = alert;
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(x.getPixelForValue(e.time), y.getPixelForValue(e.value), 5, 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
      ctx.restore();
    },
  };
}

/** Adds the overlay to a chart that is already drawn (chart.js reads its plugins again on update). */
export function installAlertOverlay(chart: Chart<'line', XY[]>, marks: () => AlertMarks): void {
  // chart.js keeps a config's inline plugins in an array it always creates.
  chart.config.plugins?.push(alertOverlay(marks) as unknown as Plugin);
  chart.update('none');
}
