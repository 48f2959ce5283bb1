// The channel list: every channel with its latest value; a radio picks the target (the channel
// forecast and charted), checkboxes pick covariates. Callers: app.ts.
import { byId, fmt } from './dom';

export interface ChannelChoice {
  target: string | null;
  covariates: string[];
}

export class ChannelsPanel {
  private names: string[] = [];
  private choice: ChannelChoice = { target: null, covariates: [] };
  private readonly valueCells = new Map<string, HTMLElement>();

  constructor(private readonly onChange: (choice: ChannelChoice) => void) {}

  get current(): ChannelChoice {
    return { target: this.choice.target, covariates: [...this.choice.covariates] };
  }

  /** Sets the channel list; keeps the choice where the names still exist. */
  setChannels(names: readonly string[], preferred: ChannelChoice): void {
    const same = names.length === this.names.length && names.every((n, i) => n === this.names[i]);
    const wanted = preferred.target && names.includes(preferred.target) ? preferred.target : names[0] ?? null;
    const changed = wanted !== this.choice.target;
    if (same && !changed) return;
    this.names = [...names];
    this.choice = { target: wanted, covariates: preferred.covariates.filter((c) => names.includes(c) && c !== wanted) };
    this.render();
    if (changed || !same) this.onChange(this.current);
  }

  private render(): void {
    const list = byId('channels');
    list.replaceChildren();
    this.valueCells.clear();
    byId('channels-hint').textContent = this.names.length ? 'Target (forecast) and covariates (inputs):' : 'Waiting for data…';
    for (const name of this.names) {
      const li = document.createElement('li');
      li.classList.toggle('target', name === this.choice.target);
      li.dataset.channel = name;
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'target';
      radio.checked = name === this.choice.target;
      radio.title = 'Forecast this channel';
      radio.setAttribute('aria-label', `Target ${name}`);
      radio.addEventListener('change', () => {
        this.choice = { target: name, covariates: this.choice.covariates.filter((c) => c !== name) };
        this.render();
        this.onChange(this.current);
      });
      const label = document.createElement('span');
      label.className = 'name';
      label.textContent = name;
      label.title = name;
      const value = document.createElement('span');
      value.className = 'value';
      this.valueCells.set(name, value);
      const cov = document.createElement('label');
      cov.className = 'cov';
      cov.title = 'Use as a covariate (input)';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = this.choice.covariates.includes(name);
      box.disabled = name === this.choice.target;
      box.setAttribute('aria-label', `Covariate ${name}`);
      box.addEventListener('change', () => {
        const covs = new Set(this.choice.covariates);
        if (box.checked) covs.add(name);
        else covs.delete(name);
        this.choice = { target: this.choice.target, covariates: this.names.filter((n) => covs.has(n)) };
        this.onChange(this.current);
      });
      cov.append(box, 'cov');
      li.append(radio, label, value, cov);
      list.append(li);
    }
  }

  /** Updates the latest values (called a few times a second). */
  showValues(latest: ReadonlyMap<string, number>, units: Record<string, string>): void {
    for (const [name, cell] of this.valueCells) {
      const v = latest.get(name);
      cell.textContent = v === undefined ? '' : `${fmt(v)}${units[name] ? ` ${units[name]}` : ''}`;
    }
  }
}
