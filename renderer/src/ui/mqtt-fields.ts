// The MQTT tab of the source panel: broker URL, topic filters, user name and password, and the
// TLS options of an mqtts:// or wss:// broker (mqtt-tls-fields.ts). Built here rather than in
// index.html so the tab is one module; the password is sent with the spec when connecting and kept
// nowhere in the page. Caller: ui/source-panel.ts.
import type { MqttSpec, SourceSpecInput } from '../../../shared/api/contract';

import { MqttTlsFields, type MqttTlsFieldsOptions } from './mqtt-tls-fields';

function input(id: string, label: string, placeholder: string, type = 'text'): HTMLInputElement {
  const el = document.createElement('input');
  el.id = id;
  el.type = type;
  el.placeholder = placeholder;
  el.setAttribute('aria-label', label);
  el.spellcheck = false;
  el.autocomplete = 'off';
  return el;
}

export class MqttFields {
  readonly tab: HTMLButtonElement;
  readonly fields: HTMLDivElement;
  private readonly url = input('mqtt-url', 'Broker URL', 'mqtt://localhost:1883');
  private readonly topics = input('mqtt-topics', 'Topic filters, separated by spaces', 'home/+/temp sensors/#');
  private readonly username = input('mqtt-username', 'User name (optional)', 'user (optional)');
  private readonly password = input('mqtt-password', 'Password (optional)', 'password', 'password');
  private readonly tlsFields: MqttTlsFields;

  /** Adds the MQTT tab after the Serial tab, and its fields after the serial fields. */
  constructor(options: MqttTlsFieldsOptions) {
    this.tab = document.createElement('button');
    Object.assign(this.tab, { type: 'button', id: 'kind-mqtt', textContent: 'MQTT' });
    this.tab.setAttribute('role', 'tab');
    this.tab.dataset.kind = 'mqtt';
    document.getElementById('kind-serial')?.after(this.tab);
    this.fields = document.createElement('div');
    Object.assign(this.fields, { className: 'source-fields', id: 'mqtt-fields', hidden: true });
    this.url.title = 'mqtt://, mqtts://, ws:// or wss://; no user name or password in it';
    this.topics.title = '+ matches one level, # the rest: home/+/temp, sensors/#';
    this.tlsFields = new MqttTlsFields(options);
    this.url.addEventListener('input', () => this.tlsFields.showFor(this.url.value));
    const broker = document.createElement('div');
    broker.className = 'source-fields';
    broker.append(this.url, this.topics, this.username, this.password);
    this.fields.append(broker, this.tlsFields.element);
    document.getElementById('serial-fields')?.after(this.fields);
  }

  /** The spec to open, or what is missing. Main checks the rest (URL form, topic filters). */
  spec(): SourceSpecInput | string {
    const url = this.url.value.trim();
    const topics = this.topics.value.split(/[\s,]+/).filter((t) => t !== '');
    if (!url) return 'Type the broker URL, e.g. mqtt://localhost:1883.';
    if (topics.length === 0) return 'Type at least one topic filter, e.g. home/+/temp.';
    const tls = this.tlsFields.tls(url);
    if (typeof tls === 'string') return tls;
    const username = this.username.value.trim();
    const password = this.password.value;
    return { kind: 'mqtt', url, topics, ...(username ? { username } : {}), ...(password ? { password } : {}), ...(tls ? { tls } : {}) };
  }

  /** Fills the fields from the source remembered in the settings (which has no password). */
  restore(spec: MqttSpec): void {
    this.url.value = spec.url;
    this.topics.value = spec.topics.join(' ');
    this.username.value = spec.username ?? '';
    this.tlsFields.restore(spec.tls);
    this.tlsFields.showFor(spec.url);
  }
}
