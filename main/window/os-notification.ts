// Electron glue for the page's alerts: an OS notification (Electron's `Notification`: the
// desktop's notification centre), clicked to bring the window back. Thin on purpose; the page
// decides what to say (renderer/src/ui/alert-panel.ts) and asks through the `notify` command.
// Called by main/index.ts, which hands it to the app services.
import { Notification } from 'electron';

/**
 * Shows `title` and `body`; false where the desktop has no notifications (a Linux session
 * without a notification daemon), and the page's banner is all there is. `focus`: called on a click.
 */
export function showOsNotification(title: string, body: string, focus?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title, body, silent: true });
  // Silent: the page beeps itself when the user asked for sound, so the OS does not beep twice.
  if (focus) notification.on('click', focus);
  notification.show();
  return true;
}
