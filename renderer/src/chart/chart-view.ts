// What the main chart shows, frame by frame: the target and every channel switched on in the
// channel list, on the axes of their units, stale channels greyed; and whether it follows the live
// edge or is paused on a copy of the recent history to scroll back through (Pause, or a pan or
// zoom; Follow live resumes). Callers: app.ts, on animation frames and view changes.
import type { ChartSeries } from '../live/chart-series';
import type { SeriesStore } from '../live/series-store';
import { STALE_AFTER_MS, staleChannels, staleText } from '../live/staleness';
import type { ChannelsPanel } from '../ui/channels-panel';
import { FollowBar } from '../ui/follow-bar';
import type { ChannelLayer } from './channel-layers';
import { planAxes } from './channel-plan';
import type { ForecastChart } from './forecast-chart';

/** Rows of every channel a paused live chart can scroll back through. */
const SCROLL_BACK_ROWS = 50_000;

export class ChartView {
  /** A copy of the recent history while a live chart is paused; null while following. */
  private scroll: ChartSeries | null = null;
  private stale = new Set<string>();
  private readonly followBar: FollowBar;
  /** Called when the chart starts or stops following (the page redraws). */
  onFollowChange: (following: boolean) => void = () => undefined;

  constructor(
    private readonly store: SeriesStore,
    private readonly chart: ForecastChart,
    private readonly channels: ChannelsPanel,
  ) {
    this.followBar = new FollowBar(() => (this.paused ? chart.resetView() : chart.pause()));
    chart.onFollowChange = (following) => {
      this.scroll = following || store.mode === 'file' ? null : store.scrollBack(SCROLL_BACK_ROWS);
      if (!following) this.draw();
      this.followBar.show(following);
      this.onFollowChange(following);
    };
    chart.onToggleChannel = (name) => channels.toggleShown(name);
  }

  /** True while a live chart does not follow the live edge (new data are kept, not drawn). */
  get paused(): boolean {
    return this.store.mode === 'live' && !this.chart.following;
  }

  /** Live data have an edge to follow and a Pause button; a file has neither. */
  setLive(live: boolean): void {
    this.followBar.setLive(live);
    this.chart.resetView();
  }

  /** The channel list's values, stale channels saying how long they have been quiet; true when the stale set changed. */
  paintValues(now: number): boolean {
    const changed = this.updateStale(now);
    const quiet = (name: string) => (this.stale.has(name) ? staleText(now - (this.store.latestAt.get(name) ?? now)) : null);
    this.channels.showValues(this.store.latest, this.store.unitsInView(), quiet);
    return changed;
  }

  /** Stale channels now (live only); true when the set changed. */
  private updateStale(now: number): boolean {
    const next = this.store.mode === 'live' ? staleChannels(this.store.latestAt, this.store.channels, now, STALE_AFTER_MS) : new Set<string>();
    const changed = next.size !== this.stale.size || [...next].some((n) => !this.stale.has(n));
    this.stale = next;
    return changed;
  }

  /** Feeds the chart what it shows now and redraws it. */
  draw(): void {
    const { store, channels } = this;
    const target = store.targetName;
    const units = store.unitsInView();
    const shown = store.channels.filter((n) => n !== target && channels.isShown(n));
    const points = (name: string | null) => (this.scroll ? this.scroll.get(name) : name === target ? store.chartPoints() : store.channelPoints(name ?? ''));
    const layers: ChannelLayer[] = shown.map((name) => ({
      name,
      label: units[name] ? `${name} (${units[name]})` : name,
      points: points(name),
      color: channels.colorOf(name),
      stale: this.stale.has(name),
    }));
    this.chart.setActual(points(target));
    this.chart.setChannels(layers, planAxes(target, shown, units));
    this.chart.setTargetStale(target !== null && this.stale.has(target));
    this.chart.setInterval(store.interval());
    this.chart.render();
  }
}
