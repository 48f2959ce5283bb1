// Test support: stops a child process (socat, mosquitto) with a signal and waits until it has
// exited, so the next start finds its port or device links free. Callers: socat-pty.ts, mosquitto.ts.
import type { ChildProcess } from 'node:child_process';

/** Sends `signal` to `child` unless it already exited, and resolves once it has. */
export async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
