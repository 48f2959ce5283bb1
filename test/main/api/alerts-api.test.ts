// The page's alerts through the app API: rules saved with the settings (an old settings file
// without them still loads; bad or too many rules are refused at the boundary) and the `notify`
// command (Electron's OS notification; browser mode answers shown: false).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { dispatchCommand } from '../../../main/api/dispatch';
import { createSession } from '../../../main/session/create-session';
import { defaultDeps } from '../../../main/session/default-deps';
import { SettingsStore } from '../../../main/storage/settings-store';
import type { Settings } from '../../../shared/api/contract';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sensorcast-alerts-api-'));
  dirs.push(dir);
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  return dir;
}

const RULES: Settings['alertRules'] = [
  { kind: 'threshold', channel: 'temp', op: '>', value: 30, withinMs: 600_000 },
  { kind: 'anomaly', channel: 'temp', samples: 5 },
  { kind: 'silence', channel: 'hum', afterMs: 30_000, cooldownMs: 0 },
];

describe('alert rules in the settings', () => {
  it('an old settings file without rules loads with none and keeps its other fields; rules saved come back', async () => {
    const dir = dataDir({ horizon: 24, autoTrain: false });
    const session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps() });
    try {
      const state = await session.handlers.getState(undefined);
      expect(state.ok && state.value.settings).toMatchObject({ horizon: 24, autoTrain: false, alertRules: [] });
      const saved = await dispatchCommand(session.handlers, 'setSettings', { alertRules: RULES });
      expect(saved).toMatchObject({ ok: true, value: { alertRules: RULES, horizon: 24 } });
    } finally {
      await session.dispose();
    }
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).alertRules).toEqual(RULES);
    const again = new SettingsStore(join(dir, 'settings.json'));
    expect((await again.load()).alertRules).toEqual(RULES);
  });

  it('refuses a bad rule and more than 32 at the boundary; a damaged rules field in the file falls back to none', async () => {
    const dir = dataDir({ horizon: 30, alertRules: [{ kind: 'threshold', channel: 'temp', op: '>=', value: 1 }] });
    const session = await createSession({ mode: 'browser', dataDir: dir, deps: defaultDeps() });
    try {
      const state = await session.handlers.getState(undefined);
      expect(state.ok && state.value.settings).toMatchObject({ horizon: 30, alertRules: [] });
      const bad = await dispatchCommand(session.handlers, 'setSettings', { alertRules: [{ kind: 'silence', channel: 'temp', afterMs: -5 }] });
      expect(bad.ok).toBe(false);
      const many = await dispatchCommand(session.handlers, 'setSettings', { alertRules: Array.from({ length: 33 }, () => RULES[0]) });
      expect(many.ok).toBe(false);
      const now = await session.handlers.getSettings(undefined);
      expect(now.ok && now.value.alertRules).toEqual([]);
    } finally {
      await session.dispose();
    }
  });
});

describe('notify', () => {
  it('Electron: the OS notification shows the title and body; browser mode: shown false; a title too long is refused', async () => {
    const shown: [string, string][] = [];
    const electron = await createSession({ mode: 'electron', dataDir: dataDir(), deps: defaultDeps(), notify: (title, body) => shown.push([title, body]) > 0 });
    const browser = await createSession({ mode: 'browser', dataDir: dataDir(), deps: defaultDeps() });
    try {
      expect(await dispatchCommand(electron.handlers, 'notify', { title: 'sensorcast: temp > 30', body: 'forecast 30.2 in 12 s' })).toEqual({ ok: true, value: { shown: true } });
      expect(shown).toEqual([['sensorcast: temp > 30', 'forecast 30.2 in 12 s']]);
      expect(await dispatchCommand(browser.handlers, 'notify', { title: 't', body: 'b' })).toEqual({ ok: true, value: { shown: false } });
      const long = await dispatchCommand(electron.handlers, 'notify', { title: 'x'.repeat(201), body: '' });
      expect(long.ok).toBe(false);
      expect(shown).toHaveLength(1);
    } finally {
      await electron.dispose();
      await browser.dispose();
    }
  });
});
