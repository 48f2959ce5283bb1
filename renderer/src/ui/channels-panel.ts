// The channel list: every channel with its latest value (or how long it has been quiet); a radio
// picks the target (the channel forecast and highlighted), a checkbox and a colour swatch say
// whether and how the others are drawn, `cov` boxes pick covariates. Callers: app.ts.
import { channelColor } from '../chart/channel-plan';
import { themeColors } from '../chart/theme';
import { loadDisplay, saveDisplay } from './channel-display';
import { byId, fmt } from './dom';

export interface ChannelChoice {
  target: string | null;
  covariates: string[];
}

export class ChannelsPanel {
  private names: string[] = [];
  private choice: ChannelChoice = { target: null, covariates: [] };
  private readonly valueCells = new Map<string, HTMLElement>();
  /** Channels switched off and colours chosen, kept across reloads. */
  private readonly display = loadDisplay();

  /**
   * @param onChange the target or covariates changed, `byUser` or because the channels did (a new source)
   * @param onDisplay a channel was switched on or off, or got another colour
   */
  constructor(
    private readonly onChange: (choice: ChannelChoice, byUser: boolean) => void,
    private readonly onDisplay: () => void = () => undefined,
  ) {}

  /** Whether a channel is drawn (the target always is). */
  isShown(name: string): boolean {
    return name === this.choice.target || !this.display.hidden.has(name);
  }

  toggleShown(name: string): void {
    if (name === this.choice.target) return;
    const { hidden } = this.display;
    if (hidden.has(name)) hidden.delete(name);
    else hidden.add(name);
    saveDisplay(this.display);
    const box = document.querySelector<HTMLInputElement>(`#channels li[data-channel="${CSS.escape(name)}"] input.show`);
    if (box) box.checked = !hidden.has(name);
    this.onDisplay();
  }

  /** A channel's line colour: chosen by the user, else by its place in the list. */
  colorOf(name: string): string {
    return this.display.colors.get(name) ?? channelColor(Math.max(0, this.names.indexOf(name)));
  }

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
    if (changed || !same) this.onChange(this.current, false);
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
        this.onChange(this.current, true);
      });
      const show = document.createElement('input');
      show.type = 'checkbox';
      show.className = 'show';
      show.checked = this.isShown(name);
      show.disabled = name === this.choice.target;
      show.title = name === this.choice.target ? 'The target is always drawn' : 'Draw this channel';
      show.setAttribute('aria-label', `Draw ${name}`);
      show.addEventListener('change', () => this.toggleShown(name));
      const swatch = document.createElement('input');
      swatch.type = 'color';
      swatch.className = 'swatch';
      swatch.value = name === this.choice.target ? themeColors().actual : this.colorOf(name);
      swatch.disabled = name === this.choice.target;
      swatch.title = 'Line colour';
      swatch.setAttribute('aria-label', `Colour of ${name}`);
      swatch.addEventListener('input', () => {
        this.display.colors.set(name, swatch.value);
        saveDisplay(this.display);
        this.onDisplay();
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
        this.onChange(this.current, true);
      });
      cov.append(box, 'cov');
      li.append(radio, show, swatch, label, value, cov);
      list.append(li);
    }
  }

  /** Updates the latest values (called a few times a second); `quiet(name)` says how long a stale channel has been silent. */
  showValues(latest: ReadonlyMap<string, number>, units: Record<string, string>, quiet: (name: string) => string | null = () => null): void {
    for (const [name, cell] of this.valueCells) {
      const v = latest.get(name);
      const stale = quiet(name);
      cell.parentElement?.classList.toggle('stale', stale !== null);
      cell.title = stale === null ? '' : `Last value ${fmt(v)}${units[name] ? ` ${units[name]}` : ''}`;
      cell.textContent = stale ?? (v === undefined ? '' : `${fmt(v)}${units[name] ? ` ${units[name]}` : ''}`);
    }
  }
}
