// The source panel: the Demo / Serial / MQTT / File tabs, the serial port fields, Connect and
// Disconnect, and Record. Callers: main.ts builds it; ui/file-panel.ts and ui/menu.ts use it.
import type { SourceSpecInput } from '../../../shared/api/contract';

import type { App } from '../app';
import { byId, toast, unwrap } from './dom';
import { MqttFields } from './mqtt-fields';

export type SourceKind = 'demo' | 'serial' | 'mqtt' | 'file';

export class SourcePanel {
  private kind: SourceKind;
  private readonly mqtt: MqttFields;

  constructor(private readonly app: App) {
    this.mqtt = new MqttFields({ browser: app.mode === 'browser', chooseFile: async () => unwrap(await app.api.chooseFile({ kind: 'certificate' }))?.path ?? null });
    // The form says what is on: the source running now, else the one of last time (main keeps it in the settings).
    const last = app.settings.source;
    const on = app.status.kind ?? last.kind;
    this.kind = on === 'serial' || on === 'mqtt' ? on : 'demo';
    if (last.kind === 'serial') {
      byId<HTMLInputElement>('port-path').value = last.path;
      const baud = byId<HTMLSelectElement>('baud');
      if (![...baud.options].some((o) => o.value === String(last.baudRate))) baud.append(new Option(String(last.baudRate)));
      baud.value = String(last.baudRate);
    }
    if (last.kind === 'mqtt') this.mqtt.restore(last);
    for (const b of document.querySelectorAll<HTMLButtonElement>('.segmented button')) b.addEventListener('click', () => this.showKind(b.dataset.kind as SourceKind));
    byId<HTMLSelectElement>('port-select').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      if (v) byId<HTMLInputElement>('port-path').value = v;
    });
    byId('port-path').addEventListener('input', () => this.showPortInList());
    byId('source-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.connect();
    });
    byId('disconnect').addEventListener('click', () => void app.api.closeSource().then((r) => r.ok && app.onStatus(r.value)));
    byId('refresh-ports').addEventListener('click', () => void this.refreshPorts());
    byId('record').addEventListener('click', () => void this.toggleRecording());
    this.showKind(this.kind);
  }

  /** Selects a tab, so the controls say what is shown. */
  showKind(k: SourceKind): void {
    this.kind = k;
    for (const b of document.querySelectorAll<HTMLButtonElement>('.segmented button')) b.setAttribute('aria-selected', String(b.dataset.kind === k));
    byId('serial-fields').hidden = k !== 'serial';
    byId('file-fields').hidden = k !== 'file';
    this.mqtt.fields.hidden = k !== 'mqtt';
    byId('connect').hidden = k === 'file';
    if (k === 'serial') void this.refreshPorts();
  }

  async open(spec: SourceSpecInput): Promise<void> {
    this.app.backToLive();
    const status = unwrap(await this.app.api.openSource(spec));
    if (status) this.app.onStatus(status);
  }

  /** The Demo menu item and shortcut. */
  demo(): void {
    this.showKind('demo');
    void this.open({ kind: 'demo' });
  }

  async toggleRecording(): Promise<void> {
    const { api } = this.app;
    const r = unwrap(this.app.status.recording.on ? await api.stopRecording() : await api.startRecording());
    if (r) this.app.onStatus(r);
  }

  private connect(): void {
    if (this.kind === 'demo') return void this.open({ kind: 'demo' });
    if (this.kind === 'mqtt') {
      const spec = this.mqtt.spec();
      return typeof spec === 'string' ? toast({ code: 'no-broker', message: spec }) : void this.open(spec);
    }
    const path = byId<HTMLInputElement>('port-path').value.trim();
    if (!path) return toast({ code: 'no-port', message: 'Choose a serial port or type its path.', hint: 'On Linux it is usually /dev/ttyACM0 or /dev/ttyUSB0; on Windows COM3.' });
    void this.open({ kind: 'serial', path, baudRate: Number(byId<HTMLSelectElement>('baud').value) });
  }

  private async refreshPorts(): Promise<void> {
    const ports = unwrap(await this.app.api.listPorts()) ?? [];
    const select = byId<HTMLSelectElement>('port-select');
    select.replaceChildren(...ports.map((p) => new Option(`${p.path}${p.manufacturer ? ` (${p.manufacturer})` : ''}`, p.path)));
    if (ports.length === 0) select.append(new Option('no ports found', ''));
    const path = byId<HTMLInputElement>('port-path');
    // An empty field gets the first port, unless the user is in it: a list that arrives as they
    // start typing would put its path in front of theirs.
    if (!path.value && ports[0] && document.activeElement !== path) path.value = ports[0].path;
    this.showPortInList();
  }

  /** The list shows the port in the path field, or none for a typed path that it does not list. */
  private showPortInList(): void {
    const select = byId<HTMLSelectElement>('port-select');
    const path = byId<HTMLInputElement>('port-path').value.trim();
    if (select.value !== path) select.selectedIndex = [...select.options].findIndex((o) => o.value !== '' && o.value === path);
  }
}
