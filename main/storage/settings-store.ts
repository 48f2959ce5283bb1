// Settings remembered across restarts: one JSON file in the user's data folder, validated with the
// contract's schema on read (a damaged file falls back to defaults, field by field) and written
// atomically (temp file + rename). Created by main/session/create-session.ts; read and written by main/api/app-services.ts.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/api/contract';
import { EngineError, errorMessage } from '../../shared/errors';
import { createLogger } from '../../shared/logger';

const log = createLogger('settings');

export class SettingsStore {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private writing: Promise<void> = Promise.resolve();

  /** @param file The settings file, e.g. `<userData>/settings.json`. */
  constructor(private readonly file: string) {}

  /** Reads the file; missing or damaged fields take their defaults. */
  async load(): Promise<Settings> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      this.current = { ...DEFAULT_SETTINGS };
      return this.get();
    }
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    if (raw && typeof raw === 'object') {
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        // Why: only the schema's own fields; a `__proto__` key in the file must not reach the prototype.
        const shape = settingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field && field.safeParse(value).success) merged[key] = value;
        else log.warn(`ignored setting ${key}`);
      }
    }
    this.current = settingsSchema.parse(merged);
    return this.get();
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /**
   * Merges a validated partial update and writes the file. The change applies at once; each write
   * stands alone, so one failed write never stops the next one. Rejects with a
   * {@link SettingsNotSavedError} when this write failed.
   */
  async update(patch: Partial<Settings>): Promise<Settings> {
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    const text = `${JSON.stringify(this.current, null, 2)}\n`;
    // Why: chain after the previous write whatever its outcome; a rejected chain would swallow every later save.
    const write = this.writing.catch(() => undefined).then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, this.file);
    });
    this.writing = write;
    try {
      await write;
    } catch (err) {
      log.warn('could not save settings', err);
      throw new SettingsNotSavedError(this.file, err);
    }
    return this.get();
  }
}

/** A settings write failed: the change applies for this session but is not on disk. */
export class SettingsNotSavedError extends EngineError {
  constructor(file: string, cause: unknown) {
    super('SETTINGS_NOT_SAVED', `Settings apply now but could not be saved to ${file}: ${errorMessage(cause)}`);
  }
}
