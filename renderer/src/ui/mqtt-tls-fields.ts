// The MQTT tab's TLS options, shown while the broker URL is mqtts:// or wss://: the CA file that
// signed the broker's certificate (Electron: typed or picked with Browse…; browser mode: a path on
// the server's machine, inside its data folder) and "accept any certificate", with its warning.
// They become the spec's `tls` and are remembered with the source. Caller: ui/mqtt-fields.ts.
import { pathSchema, type MqttSpec } from '../../../shared/api/contract';

export interface MqttTlsFieldsOptions {
  /** Browser mode: no file dialog, and the path is on the server's machine. */
  browser: boolean;
  /** Electron's open dialog (the chooseFile command); the picked path or null. Unused in browser mode. */
  chooseFile: () => Promise<string | null>;
}

/** Whether a broker URL speaks TLS, so the options apply. */
export function isTlsUrl(url: string): boolean {
  return /^(mqtts|wss):\/\//i.test(url.trim());
}

export class MqttTlsFields {
  readonly element = document.createElement('span');
  private readonly caPath = document.createElement('input');
  private readonly insecure = document.createElement('input');
  private readonly warning = document.createElement('span');

  constructor(options: MqttTlsFieldsOptions) {
    Object.assign(this.element, { id: 'mqtt-tls', className: 'source-fields', hidden: true });
    Object.assign(this.caPath, { id: 'mqtt-ca', type: 'text', spellcheck: false, autocomplete: 'off', placeholder: options.browser ? 'CA file on the server (optional)' : 'CA file (optional)' });
    this.caPath.setAttribute('aria-label', 'CA certificate file (PEM), optional');
    this.caPath.title = options.browser
      ? "PEM file of the CA that signed the broker's certificate, on the server's machine, inside the data folder the server was started with. Empty: the system's CAs."
      : "PEM file of the CA that signed the broker's certificate. Empty: the system's CAs.";
    this.element.append(this.caPath);
    if (!options.browser) {
      const browse = document.createElement('button');
      Object.assign(browse, { type: 'button', id: 'mqtt-ca-browse', textContent: 'Browse…', title: 'Pick the CA file' });
      browse.addEventListener('click', () => void options.chooseFile().then((path) => path && (this.caPath.value = path)));
      this.element.append(browse);
    }
    const label = document.createElement('label');
    label.className = 'small';
    Object.assign(this.insecure, { type: 'checkbox', id: 'mqtt-insecure' });
    label.append(this.insecure, 'accept any certificate (insecure)');
    Object.assign(this.warning, {
      id: 'mqtt-insecure-warning',
      className: 'small',
      hidden: true,
      textContent: '⚠ Certificate not checked: anyone on the way can read and fake the data.',
    });
    this.insecure.addEventListener('change', () => (this.warning.hidden = !this.insecure.checked));
    this.element.append(label, this.warning);
  }

  /** Shows the options for a TLS URL and hides them otherwise. */
  showFor(url: string): void {
    this.element.hidden = !isTlsUrl(url);
  }

  /** The spec's `tls` for this URL (none for plain mqtt:// and ws://), or what is wrong with the CA path. */
  tls(url: string): MqttSpec['tls'] | string {
    if (!isTlsUrl(url)) return undefined;
    const caPath = this.caPath.value.trim();
    if (caPath) {
      const checked = pathSchema.safeParse(caPath);
      if (!checked.success) return `The CA file path is not usable: ${checked.error.issues[0]?.message ?? 'invalid'}.`;
    }
    const tls = { ...(caPath ? { caPath } : {}), ...(this.insecure.checked ? { rejectUnauthorized: false } : {}) };
    return Object.keys(tls).length > 0 ? tls : undefined;
  }

  /** Fills the fields from a remembered source. */
  restore(tls: MqttSpec['tls']): void {
    this.caPath.value = tls?.caPath ?? '';
    this.insecure.checked = tls?.rejectUnauthorized === false;
    this.warning.hidden = !this.insecure.checked;
  }
}
