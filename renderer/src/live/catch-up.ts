// Browser mode, a page that read too slowly (FAULTS 6): the server skipped some live sample
// batches for this page and says how many (event `samplesMissed`). The status line shows the count
// until the user dismisses it, and the page reloads the history main holds, so the chart and the
// model's past forecasts have no silent hole. Callers: main.ts.
import type { SamplesMissed } from '../../../shared/api/contract';
import type { App } from '../app';
import { byId } from '../ui/dom';

export function installCatchUp(app: App): void {
  const notice = byId<HTMLButtonElement>('st-missed');
  let unacknowledged = 0;
  let syncing = false;
  let again = false;

  const render = () => {
    notice.hidden = unacknowledged === 0;
    notice.textContent = `${unacknowledged.toLocaleString('en-US')} samples missed (page too slow) ✕`;
    notice.dataset.missed = String(unacknowledged);
  };
  notice.title = 'This page read too slowly, so the server skipped these live samples; the chart was reloaded from its history. Click to dismiss.';
  notice.addEventListener('click', () => {
    unacknowledged = 0;
    render();
  });

  const resync = async (sourceId: string | null): Promise<void> => {
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    try {
      do {
        again = false;
        const history = await app.api.getHistory();
        // Only the live view of the same source: a file on screen or a new source needs nothing.
        if (!history.ok || app.store.mode !== 'live' || app.status.sourceId !== sourceId) continue;
        app.store.loadHistory(history.value);
        app.channels.setChannels(app.store.channels, app.channels.current);
        app.clearForecasts();
        app.primeModel();
        document.body.dataset.resyncs = String(Number(document.body.dataset.resyncs ?? 0) + 1);
      } while (again);
    } finally {
      syncing = false;
    }
  };

  app.api.on('samplesMissed', (missed: SamplesMissed) => {
    unacknowledged += missed.samples;
    render();
    void resync(missed.sourceId);
  });
}
