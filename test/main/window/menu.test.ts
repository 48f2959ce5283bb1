// The app menu and the page's shortcuts are one set of commands: every page action is a menu item
// whose accelerator is the page's shortcut (and the README's), and each item sends its action.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildMenuTemplate } from '../../../main/window/menu';
import { SHORTCUTS } from '../../../renderer/src/ui/shortcuts';
import { menuActionSchema, type MenuAction } from '../../../shared/api/contract';

interface Item {
  label?: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: Item[];
}

function items(platform: NodeJS.Platform): Item[] {
  const all: Item[] = [];
  const walk = (list: Item[]) => {
    for (const i of list) {
      all.push(i);
      if (i.submenu) walk(i.submenu);
    }
  };
  walk(buildMenuTemplate(() => undefined, platform) as Item[]);
  return all;
}

/** The menu's accelerator as the page and the README write it. */
const asPageKeys = (accelerator: string) => accelerator.replace('CmdOrCtrl', 'Ctrl').replace('Escape', 'Esc');

describe('app menu beyond Train', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('on %s, every page action is one item with the page shortcut, and its click sends the action', (platform) => {
    const sent: MenuAction[] = [];
    const template = buildMenuTemplate((a) => sent.push(a), platform) as Item[];
    const flat: Item[] = [];
    for (const top of template) flat.push(...(top.submenu ?? []));
    const appItems = flat.filter((i) => i.click && i.accelerator);
    expect(appItems.map((i) => asPageKeys(i.accelerator!)).sort()).toEqual(SHORTCUTS.map((s) => s.keys).sort());
    for (const s of SHORTCUTS) {
      const item = appItems.find((i) => asPageKeys(i.accelerator!) === s.keys)!;
      sent.length = 0;
      item.click!();
      expect(sent, `${item.label} (${item.accelerator})`).toEqual([s.action]);
    }
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual([...menuActionSchema.options].sort());
    expect(items(platform).filter((i) => i.accelerator).length).toBe(SHORTCUTS.length);
  });

  it('leaves the plain keys (0, Esc) to the page, so typing them in a field still works', () => {
    const plain = items('linux').filter((i) => i.accelerator === '0' || i.accelerator === 'Escape');
    expect(plain.map((i) => i.label)).toEqual(['Reset Chart View', 'Cancel Training']);
    for (const i of plain) expect(i.registerAccelerator).toBe(false);
    for (const i of items('linux').filter((i) => i.accelerator?.startsWith('CmdOrCtrl'))) expect(i.registerAccelerator).not.toBe(false);
  });

  it("matches the README's shortcut table", () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Keyboard shortcuts'));
    const rows = [...table.slice(0, table.indexOf('\n\n', table.indexOf('| Keys'))).matchAll(/^\| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => m[1].trim()).filter((k) => k !== 'Keys' && !k.startsWith('---'));
    expect(rows).toEqual(SHORTCUTS.map((s) => s.keys));
  });
});
