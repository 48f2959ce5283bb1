// File names for the page's exports, pure: the channel's name kept readable (`Temperatur °C` ->
// `Temperatur-C-forecast`), letters with accents without them (`Außentemp.` -> `Aussentemp`), every
// other run of characters one `-`, so the name is safe on every system and as main's
// suggestedName (letters, digits, space, `_ . -`, at most 64). Callers: ui/export-panel.ts, and
// ui/names.ts (a new model's default name), so names are cleaned in one place.

const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th' };

/** `text` readable and safe: ASCII letters, digits and `_`, every other run one `-`, at most `max` characters; '' when nothing is left. */
export function readableName(text: string, max = 64): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents split off by NFKD
    .replace(/[^\p{ASCII}]/gu, (c) => SPECIAL[c] ?? ' ');
  return ascii
    .replace(/[^A-Za-z0-9_]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** `channel-what` as a file name without extension; `sensorcast-what` when nothing of the channel is left. */
export function exportFileName(channel: string | null, what: 'forecast' | 'chart'): string {
  return `${readableName(channel ?? '', 64 - what.length - 1) || 'sensorcast'}-${what}`;
}
