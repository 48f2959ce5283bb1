// The Alerts panel in the sidebar: the session's rules per channel (add, edit, remove; saved with
// the settings as `alertRules`), the optional sound, and the alert log (time, rule, value;
// acknowledge one or all). Wires the live batches and a 1 s clock into the AlertMonitor
// (session/alert-monitor.ts), its alerts into the banner, the OS notification (Electron) and the
// chart overlay (chart/alert-overlay.ts). Installed by main.ts.
import type { AlertLogEntry } from '../../../shared/alerts/alert-log';
import { formatRule, type AlertRule } from '../../../shared/alerts/rules';
import { MAX_ALERT_RULES } from '../../../shared/alerts/rule-schema';

import type { App } from '../app';
import { installAlertOverlay } from '../chart/alert-overlay';
import { AlertMonitor } from '../session/alert-monitor';
import { AlertBanner } from './alert-banner';
import { AMOUNT_LABEL, fieldsFromRule, ruleFromFields, type RuleChoice } from './alert-form';
import { alertClock, alertDetail, alertText } from './alert-text';
import './alert-panel.css';

/** Log entries listed (the log itself keeps 200). */
const SHOWN_ENTRIES = 50;
const SOUND_KEY = 'sensorcast.alertSound';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

export function installAlerts(app: App): AlertMonitor {
  let rules: AlertRule[] = [...(app.settings.alertRules ?? [])];
  let editing: number | null = null;
  let sourceId: string | null = null;
  const unitOf = (channel: string) => app.store.units[channel];

  const banner = new AlertBanner({ acknowledge: (id) => acknowledge(id), acknowledgeAll: () => acknowledgeAll() });
  const monitor = new AlertMonitor({
    stepMs: () => app.store.interval() || null,
    forecast: () => {
      const model = app.model;
      const latest = app.session.latest;
      return model && latest && app.store.mode === 'live' ? { channel: model.target, forecast: latest } : null;
    },
    recent: (channel) => app.store.recent(200).channels.find((c) => c.name === channel)?.values ?? [],
    onAlert: (entry) => raised(entry),
  });
  monitor.setRules(rules);

  // --- the panel ---------------------------------------------------------------------------
  const sound = el('input', { type: 'checkbox', id: 'alert-sound', checked: localStorage.getItem(SOUND_KEY) === 'on' });
  const ruleList = el('ul', { id: 'alert-rules', className: 'alert-rules' });
  const empty = el('p', { className: 'small muted', id: 'alert-empty', textContent: 'No rules. Add one to be told before a channel crosses a value, when it leaves the forecast band, or falls silent.' });
  const add = el('button', { type: 'button', id: 'alert-add', textContent: 'Add rule' });
  const channel = el('select', { id: 'alert-channel' });
  channel.setAttribute('aria-label', 'Channel');
  const kind = el('select', { id: 'alert-kind' });
  kind.setAttribute('aria-label', 'Condition');
  for (const [value, text] of [['above', 'goes above'], ['below', 'goes below'], ['anomaly', 'leaves the band'], ['silence', 'falls silent']]) kind.append(new Option(text, value));
  const amount = el('input', { type: 'text', id: 'alert-amount', spellcheck: false });
  const amountLabel = el('label', {}, el('span', { textContent: AMOUNT_LABEL.above }), amount);
  const within = el('input', { type: 'text', id: 'alert-within', placeholder: 'horizon', spellcheck: false, title: 'How far ahead to look: 30s, 10min, 1h; empty for the whole forecast' });
  const withinLabel = el('label', {}, 'Within', within);
  const error = el('p', { className: 'small alert-error', id: 'alert-error', hidden: true });
  const save = el('button', { type: 'submit', className: 'primary', id: 'alert-save', textContent: 'Save rule' });
  const cancel = el('button', { type: 'button', id: 'alert-cancel', textContent: 'Cancel' });
  const editor = el('form', { id: 'alert-editor', className: 'alert-editor', hidden: true }, el('label', {}, 'Channel', channel), el('label', {}, 'When it', kind), el('div', { className: 'grid2' }, amountLabel, withinLabel), error, el('div', { className: 'buttons' }, save, cancel));
  editor.autocomplete = 'off';
  const log = el('ul', { id: 'alert-log', className: 'alert-log' });
  const ackAll = el('button', { type: 'button', id: 'alert-ack-all', className: 'small-btn', textContent: 'Acknowledge all' });
  const logHead = el('div', { className: 'alert-log-head' }, el('span', { className: 'small muted', id: 'alert-log-count', textContent: 'No alerts yet' }), ackAll);
  const panel = el(
    'section',
    { className: 'panel', id: 'alerts-panel' },
    el('div', { className: 'alert-head' }, el('h2', { textContent: 'Alerts' }), el('label', { className: 'alert-sound small' }, sound, 'Sound')),
    ruleList,
    empty,
    editor,
    el('div', { className: 'buttons' }, add),
    logHead,
    log,
  );
  document.querySelector('.sidebar')?.append(panel);

  const showAmount = () => {
    const k = kind.value as RuleChoice;
    amountLabel.firstChild!.textContent = AMOUNT_LABEL[k];
    amount.placeholder = k === 'anomaly' ? '3' : k === 'silence' ? '30s' : 'e.g. 30';
    withinLabel.hidden = k !== 'above' && k !== 'below';
  };
  kind.addEventListener('change', showAmount);

  const renderRules = () => {
    ruleList.replaceChildren(
      ...rules.map((rule, i) => {
        const edit = el('button', { type: 'button', className: 'small-btn', textContent: 'Edit' });
        const remove = el('button', { type: 'button', className: 'small-btn', textContent: 'Remove' });
        edit.addEventListener('click', () => openEditor(i));
        remove.addEventListener('click', () => void setRules(rules.filter((_, j) => j !== i)));
        const li = el('li', {}, el('span', { className: 'alert-rule', textContent: formatRule(rule), title: formatRule(rule) }), edit, remove);
        li.dataset.rule = formatRule(rule);
        return li;
      }),
    );
    empty.hidden = rules.length > 0;
    add.disabled = rules.length >= MAX_ALERT_RULES;
  };

  const openEditor = (index: number | null) => {
    editing = index;
    const names = new Set([...app.store.channels, ...(index === null ? [] : [rules[index].channel])]);
    channel.replaceChildren(...[...names].map((n) => new Option(n, n)));
    const f = index === null ? { channel: app.store.targetName ?? app.store.channels[0] ?? '', kind: 'above' as RuleChoice, amount: '', within: '' } : fieldsFromRule(rules[index]);
    channel.value = f.channel;
    kind.value = f.kind;
    amount.value = f.amount;
    within.value = f.within;
    error.hidden = true;
    showAmount();
    editor.hidden = false;
    add.hidden = true;
    amount.focus();
  };
  const closeEditor = () => {
    editor.hidden = true;
    add.hidden = false;
    editing = null;
  };
  add.addEventListener('click', () => openEditor(null));
  cancel.addEventListener('click', closeEditor);
  editor.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = ruleFromFields({ channel: channel.value, kind: kind.value as RuleChoice, amount: amount.value, within: within.value });
    if ('error' in r) {
      error.textContent = r.error;
      error.hidden = false;
      return;
    }
    const next = editing === null ? [...rules, r.rule] : rules.map((old, i) => (i === editing ? r.rule : old));
    closeEditor();
    void setRules(next);
  });

  const setRules = async (next: AlertRule[]) => {
    rules = next;
    monitor.setRules(rules);
    renderRules();
    app.chart.render();
    await app.saveSettings({ alertRules: rules });
  };

  sound.addEventListener('change', () => {
    localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off');
    if (sound.checked) banner.beep();
  });

  // --- the log -----------------------------------------------------------------------------
  const renderLog = () => {
    const entries = monitor.log.entries();
    const pending = entries.filter((e) => !e.acknowledged);
    byIdText('alert-log-count', entries.length ? `${entries.length} alert${entries.length === 1 ? '' : 's'}, ${pending.length} new` : 'No alerts yet');
    ackAll.hidden = pending.length === 0;
    log.replaceChildren(
      ...entries
        .slice(-SHOWN_ENTRIES)
        .reverse()
        .map((e) => {
          const li = el('li', { className: e.acknowledged ? 'read' : 'new' }, el('time', { textContent: alertClock(e.time), dateTime: new Date(e.time).toISOString() }), el('span', { className: 'alert-rule', textContent: e.rule }), el('span', { className: 'alert-detail', textContent: alertDetail(e, unitOf(e.channel)) }));
          li.dataset.id = String(e.id);
          if (!e.acknowledged) {
            const ack = el('button', { type: 'button', className: 'small-btn', textContent: 'Ack', title: 'Acknowledge this alert' });
            ack.addEventListener('click', () => acknowledge(e.id));
            li.append(ack);
          }
          return li;
        }),
    );
    banner.render(pending, unitOf);
  };
  const byIdText = (id: string, text: string) => {
    const node = document.getElementById(id);
    if (node) node.textContent = text;
  };
  const acknowledge = (id: number) => {
    monitor.log.acknowledge(id);
    renderLog();
    app.chart.render();
  };
  const acknowledgeAll = () => {
    monitor.log.acknowledgeAll();
    renderLog();
    app.chart.render();
  };
  ackAll.addEventListener('click', acknowledgeAll);

  const raised = (entry: AlertLogEntry) => {
    renderLog();
    if (sound.checked) banner.beep();
    // Electron: a notification from the OS too, seen when the window is hidden or minimised.
    if (app.mode === 'electron') void app.api.notify({ title: `sensorcast: ${entry.rule}`, body: alertText(entry, unitOf(entry.channel)) });
  };

  // --- data in -----------------------------------------------------------------------------
  app.api.on('samples', (batch) => {
    // App's own listener ran first: the batch is in the store. A file on screen: no alerts.
    if (app.store.mode !== 'live') return;
    if (batch.sourceId !== sourceId) {
      sourceId = batch.sourceId;
      monitor.reset();
    }
    monitor.samples(batch);
  });
  setInterval(() => {
    if (app.store.mode === 'live' && app.status.sourceId !== null && app.status.state !== 'closed' && app.status.state !== 'ended') monitor.tick(Date.now());
  }, 1000);

  installAlertOverlay(app.chart.chart, () => ({ target: app.store.targetName, rules, entries: monitor.log.entries(), stepMs: app.store.interval() || null }));
  renderRules();
  renderLog();
  return monitor;
}
