// The Electron glue of the alerts' OS notification, against the one Electron mock (test/setup).
import { beforeEach, describe, expect, it } from 'vitest';

import { showOsNotification } from '../../../main/window/os-notification';
import { recorded, resetElectronFake } from '../../setup/electron-fake';

describe('showOsNotification', () => {
  beforeEach(() => resetElectronFake());

  it('shows the title and body, silent (the page beeps itself), and a click brings the window back', () => {
    let focused = 0;
    expect(showOsNotification('sensorcast: temp > 30', 'forecast 30.2 in 12 s (now 28.4)', () => focused++)).toBe(true);
    expect(recorded.notifications).toHaveLength(1);
    const [n] = recorded.notifications;
    expect(n.options).toEqual({ title: 'sensorcast: temp > 30', body: 'forecast 30.2 in 12 s (now 28.4)', silent: true });
    expect(n.shown).toBe(true);
    n.emit('click');
    expect(focused).toBe(1);
  });

  it('answers false and shows nothing where the desktop has no notifications', () => {
    recorded.notificationsSupported = false;
    expect(showOsNotification('t', 'b')).toBe(false);
    expect(recorded.notifications).toHaveLength(0);
  });
});
