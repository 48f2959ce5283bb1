// The CSV export's format choice: a file written in another dialect (`;`, decimal comma, local
// times) exports in it by default, or as a standard CSV (`,`, `.`, ISO UTC). The choice shows only
// while such a file is on screen. Callers: app.ts (file shown, back to live), ui/export-panel.ts.
import { isStandardDialect, standardDialect, type CsvDialect } from '../../../shared/api/dialect';

import { byId } from './dom';

/** Shows the choice for `dialect` (the file on screen), or hides it (live data, a standard file). */
export function showDialectChoice(dialect: CsvDialect | null): void {
  const select = byId<HTMLSelectElement>('export-dialect');
  const offer = dialect !== null && !isStandardDialect(dialect);
  select.hidden = !offer;
  if (!dialect || !offer) return;
  select.value = 'source';
  select.options[0].title = dialect.label;
  select.options[1].title = standardDialect(dialect.time.kind !== 'index').label;
  select.title = `Format of the CSV export. Like the file: ${dialect.label}. Standard: ${select.options[1].title}.`;
}

/** The dialect to send with an export: the file's when chosen, else the standard one (row numbers without a clock). */
export function chosenDialect(dialect: CsvDialect | null, clock: boolean): CsvDialect {
  const select = byId<HTMLSelectElement>('export-dialect');
  if (dialect && !select.hidden && select.value === 'source') return dialect;
  return standardDialect(clock);
}
