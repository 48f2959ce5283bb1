// The in-page alert banner (browser mode and Electron), the optional beep (Web Audio, off by
// default) and the OS notification (Electron: main shows it through the `notify` command).
// The banner shows the newest alert not yet acknowledged and how many more there are; its
// Acknowledge button marks it read. Callers: ui/alert-panel.ts.
import type { AlertLogEntry } from '../../../shared/alerts/alert-log';

import { alertDetail } from './alert-text';

export interface AlertBannerOptions {
  acknowledge(id: number): void;
  acknowledgeAll(): void;
}

export class AlertBanner {
  readonly el = document.createElement('div');
  private readonly rule = document.createElement('strong');
  private readonly detail = document.createElement('span');
  private readonly more = document.createElement('span');
  private readonly ack = document.createElement('button');
  private readonly ackAll = document.createElement('button');
  private shown: number | null = null;
  private audio: AudioContext | null = null;

  constructor(o: AlertBannerOptions) {
    Object.assign(this.el, { id: 'alert-banner', className: 'alert-banner', hidden: true });
    this.el.setAttribute('role', 'alert');
    const icon = document.createElement('span');
    icon.className = 'alert-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '!';
    const text = document.createElement('div');
    text.className = 'alert-text';
    this.detail.className = 'alert-detail';
    this.more.className = 'alert-more';
    text.append(this.rule, this.detail, this.more);
    Object.assign(this.ack, { type: 'button', id: 'alert-banner-ack', className: 'small-btn', textContent: 'Acknowledge' });
    Object.assign(this.ackAll, { type: 'button', id: 'alert-banner-ack-all', className: 'small-btn', textContent: 'All' });
    this.ackAll.title = 'Acknowledge every alert';
    this.ack.addEventListener('click', () => {
      if (this.shown !== null) o.acknowledge(this.shown);
    });
    this.ackAll.addEventListener('click', () => o.acknowledgeAll());
    this.el.append(icon, text, this.ack, this.ackAll);
    // Above the chart, under its head: in the flow, so it covers no control.
    const card = document.querySelector('.chart-card');
    const head = card?.querySelector('.chart-head');
    if (head) head.after(this.el);
    else document.body.append(this.el);
  }

  /** Shows the newest of `pending` (alerts not acknowledged, oldest first), or hides the banner when there are none. */
  render(pending: readonly AlertLogEntry[], unitOf: (channel: string) => string | undefined): void {
    const newest = pending[pending.length - 1];
    if (!newest) {
      this.shown = null;
      this.el.hidden = true;
      return;
    }
    this.shown = newest.id;
    this.el.dataset.kind = newest.kind;
    this.rule.textContent = newest.rule;
    this.detail.textContent = alertDetail(newest, unitOf(newest.channel));
    this.more.textContent = pending.length > 1 ? `+${pending.length - 1} more` : '';
    this.ackAll.hidden = pending.length < 2;
    this.el.hidden = false;
  }

  /** A short two-tone beep; browsers allow sound only after the user touched the page (the Sound box is such a touch). */
  beep(): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      void ctx.resume();
      for (const [i, freq] of [880, 660].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        const at = ctx.currentTime + i * 0.18;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 0.17);
      }
    } catch {
      // No audio device or no Web Audio: the banner still shows.
    }
  }
}
