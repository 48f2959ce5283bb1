// Recording control for the session hub: starts and stops the recorder of the live samples, feeds
// it, and keeps why a recording stopped by itself. Caller: session-hub.ts (the recorder itself is
// main/recorder, plugged in by default-deps.ts through the LiveRecorder seam in recording.ts).
import { ok, type AppError, type AppStatus, type Result } from '../../shared/api/contract';
import { toAppError } from '../../shared/errors';
import { createLogger } from '../../shared/logger';
import type { Sample } from '../../shared/samples';

import type { LiveRecorder } from './recording';

const log = createLogger('hub');

export class RecordingControl {
  private recorder: LiveRecorder | null = null;
  private error: AppError | null = null;
  /** The file of the last recording, kept after it stops so the page can say where it is. */
  private lastPath: string | null = null;

  /**
   * @param create makes a recorder per recording; null where recording is not available.
   * @param onFailed told when a recording stops by itself (disk full, folder gone).
   */
  constructor(
    private readonly create: (() => LiveRecorder) | null,
    private readonly onFailed: (error: AppError) => void,
  ) {}

  get available(): boolean {
    return this.create !== null;
  }

  get on(): boolean {
    return this.recorder !== null;
  }

  /** Starts a recording of `channels`; a failure is kept for the status and returned. */
  async start(channels: string[]): Promise<Result<null>> {
    if (!this.create || this.recorder) return ok(null);
    const recorder = this.create();
    this.error = null;
    recorder.onError((error) => {
      // Why: a full disk stops the recording visibly, never the live view (FAULTS 18).
      this.lastPath = recorder.info().path;
      this.error = error;
      this.recorder = null;
      this.onFailed(this.error);
    });
    try {
      await recorder.start(channels);
    } catch (err) {
      this.error = toAppError(err, 'RECORDING_FAILED');
      return { ok: false, error: this.error };
    }
    this.recorder = recorder;
    return ok(null);
  }

  /** Stops the recording, if any. */
  async stop(): Promise<void> {
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder) this.lastPath = recorder.info().path;
    if (recorder) await recorder.stop().catch((err: unknown) => log.warn('recorder stop failed', err));
  }

  write(channels: string[], samples: Sample[]): void {
    this.recorder?.write(channels, samples);
  }

  gap(t: number): void {
    this.recorder?.gap(t);
  }

  /** The recording part of the status line; `path` is the file being written, or the last one written. */
  status(): AppStatus['recording'] {
    const rec = this.recorder?.info();
    return { on: rec !== undefined, path: rec?.path ?? this.lastPath, bytes: rec?.bytes ?? 0, error: this.error };
  }
}
