// The page's monitor: a panel under the chart (in place of the cards while it is open) with the
// raw lines of the serial port (or the MQTT broker's messages, `topic payload`) as they arrived,
// rejected ones marked with why, Pause /
// Resume (a paused view keeps receiving and says how many lines came meanwhile), a search filter,
// Clear, and a send box with the line ending (none, LF, CR, CR LF) that writes to the board
// through main. Main forwards lines only while a page holds a watch lease (renewed here every
// 10 s; main/session/monitor-feed.ts). The data lives in monitor-buffer.ts.
// Callers: main.ts (installMonitor).
import './monitor-panel.css';

import type { AppApi, AppStatus, MonitorBatch, MonitorLine } from '../../../shared/api/contract';
import { clock, printable, type SendEnding } from '../../../shared/decode/raw-line';

import { byId, toast } from './dom';
import { MonitorBuffer, matches, rejectText, type MonitorRow } from './monitor-buffer';

/** How often an open monitor renews its lease (main's lasts 30 s). */
const RENEW_MS = 10_000;
const ENDING_KEY = 'sensorcast.monitor.ending';

export class MonitorPanel {
  readonly buffer = new MonitorBuffer();
  private readonly viewer = viewerId();
  private readonly panel = byId('monitor');
  private readonly list = byId('mon-lines');
  private readonly state = byId('mon-state');
  private readonly filter = byId<HTMLInputElement>('mon-filter');
  private readonly pauseButton = byId<HTMLButtonElement>('mon-pause');
  private readonly text = byId<HTMLInputElement>('mon-text');
  private readonly ending = byId<HTMLSelectElement>('mon-ending');
  private readonly toggle = byId<HTMLButtonElement>('monitor-toggle');
  private sourceId: string | null = null;
  /** The source has raw lines to show (serial, MQTT), and takes lines sent to it (serial). */
  private raw = false;
  private sends = false;
  private renew: ReturnType<typeof setInterval> | null = null;

  private readonly sendHint: string;

  constructor(private readonly api: AppApi) {
    this.sendHint = this.text.placeholder;
    this.toggle.addEventListener('click', () => this.setOpen(!this.open));
    byId('mon-close').addEventListener('click', () => this.setOpen(false));
    this.pauseButton.addEventListener('click', () => this.setPaused(!this.buffer.paused));
    byId('mon-clear').addEventListener('click', () => {
      this.buffer.clear();
      this.render();
    });
    this.filter.addEventListener('input', () => this.render());
    const saved = localStorage.getItem(ENDING_KEY);
    if (saved && [...this.ending.options].some((o) => o.value === saved)) this.ending.value = saved;
    this.ending.addEventListener('change', () => localStorage.setItem(ENDING_KEY, this.ending.value));
    byId<HTMLFormElement>('mon-send').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    api.on('monitor', (batch) => this.onBatch(batch));
    api.on('status', (status) => this.onStatus(status));
  }

  get open(): boolean {
    return !this.panel.hidden;
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    const cards = document.querySelector<HTMLElement>('.main > .cards');
    if (cards) cards.hidden = open;
    this.toggle.setAttribute('aria-pressed', String(open));
    if (this.renew) clearInterval(this.renew);
    this.renew = null;
    if (open) {
      void this.watch();
      this.renew = setInterval(() => void this.watch(), RENEW_MS);
      this.text.focus();
    } else void this.api.monitorWatch({ viewer: this.viewer, open: false });
  }

  setPaused(paused: boolean): void {
    if (paused) this.buffer.pause();
    else this.buffer.resume();
    this.pauseButton.textContent = paused ? 'Resume' : 'Pause';
    this.pauseButton.setAttribute('aria-pressed', String(paused));
    this.panel.dataset.paused = String(paused);
    if (!paused) this.render();
    else this.showState();
  }

  /** Takes (or renews) the lease; the lines main kept fill in what this page does not have. */
  private async watch(): Promise<void> {
    const r = await this.api.monitorWatch({ viewer: this.viewer, open: true });
    if (!r.ok) return toast(r.error);
    if (!this.open) return;
    if (r.value.sourceId !== this.sourceId) this.newSource(r.value.sourceId);
    this.raw = r.value.raw;
    this.sends = r.value.sends;
    this.take(r.value.lines, 0);
    this.showState();
  }

  private onStatus(status: AppStatus): void {
    if (status.sourceId === this.sourceId) return;
    this.newSource(status.sourceId);
    this.raw = status.kind === 'serial' || status.kind === 'mqtt';
    this.sends = status.kind === 'serial';
    if (this.open) void this.watch();
    this.render();
  }

  private onBatch(batch: MonitorBatch): void {
    if (!this.open) return;
    if (batch.sourceId !== this.sourceId) this.newSource(batch.sourceId);
    this.take(batch.lines, batch.skipped);
    this.showState();
  }

  private newSource(sourceId: string | null): void {
    this.sourceId = sourceId;
    const paused = this.buffer.paused;
    this.buffer.reset();
    if (paused) this.setPaused(false);
    else this.render();
  }

  /** Adds lines; a following view appends the new rows (no redraw of the rest) and stays at the bottom if it was there. */
  private take(lines: readonly MonitorLine[], skipped: number): void {
    const added = this.buffer.add(lines, skipped);
    if (added.length === 0 || this.buffer.paused) return;
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    const filter = this.filter.value;
    const fragment = document.createDocumentFragment();
    for (const row of added) if (!filter || matches(row, filter)) fragment.append(rowElement(row));
    this.list.append(fragment);
    while (this.list.childElementCount > this.buffer.capacity) this.list.firstElementChild?.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private render(): void {
    const fragment = document.createDocumentFragment();
    for (const row of this.buffer.visible(this.filter.value)) fragment.append(rowElement(row));
    this.list.replaceChildren(fragment);
    this.list.scrollTop = this.list.scrollHeight;
    this.showState();
  }

  private showState(): void {
    const shown = this.list.childElementCount;
    const n = (k: number, what: string) => `${k.toLocaleString('en-US')} ${what}${k === 1 ? '' : 's'}`;
    const filtered = this.filter.value ? `${shown.toLocaleString('en-US')} of ${n(this.buffer.size, 'line')}` : n(this.buffer.size, 'line');
    this.state.textContent = this.buffer.paused ? `Paused: ${n(this.buffer.arrivedWhilePaused, 'new line')} since` : filtered;
    byId('mon-empty').hidden = this.raw || this.buffer.size > 0;
    byId('mon-empty').textContent = this.sourceId ? 'The monitor shows the lines of a serial port or the messages of an MQTT broker: choose Serial or MQTT and connect.' : 'No source: connect a serial port or an MQTT broker.';
    for (const el of [this.text, this.ending, byId<HTMLButtonElement>('mon-send-btn')]) el.disabled = !this.sends;
    this.text.placeholder = this.raw && !this.sends ? 'MQTT messages are read only here' : this.sendHint;
    byId('mon-title').textContent = this.raw && !this.sends ? 'MQTT monitor' : 'Serial monitor';
  }

  private async send(): Promise<void> {
    const text = this.text.value;
    const r = await this.api.sendLine({ text, ending: this.ending.value as SendEnding });
    if (!r.ok) return toast(r.error);
    this.text.value = '';
  }
}

/**
 * This page's random id for its watch lease. Why not crypto.randomUUID: it exists only in secure
 * contexts, and browser mode is also opened over plain http from another machine (`--host 0.0.0.0`).
 */
function viewerId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function rowElement(row: MonitorRow): HTMLElement {
  const el = document.createElement('div');
  el.className = 'mon-line';
  el.dataset.kind = row.kind;
  const time = document.createElement('time');
  time.textContent = clock(row.t);
  const text = document.createElement('span');
  text.className = 'mon-text';
  text.textContent = row.kind === 'sent' ? `> ${printable(row.text)}` : printable(row.text);
  el.append(time, text);
  const why = rejectText(row);
  if (why) {
    const span = document.createElement('span');
    span.className = 'mon-why';
    span.textContent = why;
    el.append(span);
  }
  return el;
}

/** Builds the monitor panel (its markup is in index.html: #monitor, #monitor-toggle). */
export function installMonitor(api: AppApi): MonitorPanel {
  return new MonitorPanel(api);
}
