// The settings fields: horizon (steps or a time span), epochs, the live window's points and the
// tfjs backend; each change is saved in main's settings. Callers: main.ts.
import { horizonSteps } from '../../../shared/series/time-span';

import type { App } from '../app';
import { byId, toast } from './dom';

export function installSettingsPanel(app: App): void {
  // The horizon in steps or in time ("10min"); the hint says both for the data in view.
  const horizon = byId<HTMLInputElement>('horizon');
  horizon.value = String(app.settings.horizon);
  horizon.addEventListener('change', () => {
    const r = horizonSteps(horizon.value, app.store.clockInterval());
    if ('steps' in r && r.steps <= 5000) {
      void app.saveSettings({ horizon: r.steps });
      horizon.value = String(r.steps);
    } else {
      toast({ code: 'bad-horizon', message: 'error' in r ? r.error : 'the horizon is at most 5,000 steps', hint: 'error' in r ? r.hint : 'forecast fewer steps' });
      horizon.value = String(app.settings.horizon);
    }
    app.showHorizon();
  });

  const epochs = byId<HTMLInputElement>('epochs');
  epochs.value = String(app.settings.epochs);
  epochs.addEventListener('change', () => {
    const v = Math.round(Number(epochs.value));
    if (Number.isFinite(v) && v >= 1 && v <= 1000) void app.saveSettings({ epochs: v });
    else epochs.value = String(app.settings.epochs);
  });

  const windowSelect = byId<HTMLSelectElement>('window-points');
  if (![...windowSelect.options].some((o) => o.value === String(app.settings.windowPoints))) windowSelect.append(new Option(`${app.settings.windowPoints} points`, String(app.settings.windowPoints)));
  windowSelect.value = String(app.settings.windowPoints);
  windowSelect.addEventListener('change', () => {
    const points = Number(windowSelect.value);
    app.setWindowPoints(points);
    void app.saveSettings({ windowPoints: points });
  });

  const backend = byId<HTMLSelectElement>('backend');
  backend.value = app.settings.backend;
  backend.addEventListener('change', () => {
    void app.saveSettings({ backend: backend.value as typeof app.settings.backend });
    toast('The backend takes effect when the page reloads.', 'info');
  });
}
