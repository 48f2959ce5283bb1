// How each channel is drawn (switched off, its colour), kept in the page's local storage so a
// reload keeps it. Parsing is pure and strict: what another version or a hand wrote is checked.
// Callers: ui/channels-panel.ts.

const KEY = 'sensorcast.channel-display';
/** Channels remembered at most. */
const MAX = 256;

export interface ChannelDisplay {
  hidden: Set<string>;
  colors: Map<string, string>;
}

/** The stored display, or an empty one for anything malformed. */
export function parseDisplay(text: string | null): ChannelDisplay {
  const out: ChannelDisplay = { hidden: new Set(), colors: new Map() };
  try {
    const raw = JSON.parse(text ?? '{}') as { hidden?: unknown; colors?: unknown };
    if (Array.isArray(raw.hidden)) for (const n of raw.hidden.slice(0, MAX)) if (typeof n === 'string') out.hidden.add(n);
    if (raw.colors && typeof raw.colors === 'object') {
      for (const [n, c] of Object.entries(raw.colors).slice(0, MAX)) if (typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c)) out.colors.set(n, c);
    }
  } catch {
    // Not JSON: start afresh.
  }
  return out;
}

export function serializeDisplay(d: ChannelDisplay): string {
  return JSON.stringify({ hidden: [...d.hidden].slice(-MAX), colors: Object.fromEntries([...d.colors].slice(-MAX)) });
}

export function loadDisplay(): ChannelDisplay {
  try {
    return parseDisplay(localStorage.getItem(KEY));
  } catch {
    return parseDisplay(null); // storage refused (a locked-down profile): this session only
  }
}

export function saveDisplay(d: ChannelDisplay): void {
  try {
    localStorage.setItem(KEY, serializeDisplay(d));
  } catch {
    // Storage full or refused: the display still holds for this session.
  }
}
