// The chart's follow indicator and Pause button: "following live" while the chart keeps up with
// the live edge, "paused" (new data kept, not drawn; pan and zoom scroll back) until Follow live.
// A pan or zoom pauses too. Files have no live edge: both are hidden. Callers: app.ts.
import { byId } from './dom';

export class FollowBar {
  private readonly state = byId('follow-state');
  private readonly button = byId<HTMLButtonElement>('pause');

  /** @param toggle pauses when following, follows live when paused */
  constructor(toggle: () => void) {
    this.button.addEventListener('click', toggle);
    this.show(true);
  }

  show(following: boolean): void {
    this.state.dataset.follow = following ? 'live' : 'paused';
    this.state.textContent = following ? '● following live' : '❚❚ paused';
    this.state.title = following ? 'The chart moves with the newest data' : 'New data are kept but not drawn; scroll or zoom to look back';
    this.button.textContent = following ? 'Pause' : 'Follow live';
    this.button.title = following ? 'Stop following the live edge and look back (new data are kept)' : 'Follow the live edge again (0)';
  }

  /** Live data have an edge to follow; a file does not. */
  setLive(live: boolean): void {
    this.state.hidden = !live;
    this.button.hidden = !live;
  }
}
