// What the native open dialog offers for each kind of file the page asks for: data files (CSV/TSV
// logs) or a broker's CA certificate. Called by main/index.ts (Electron's dialog.showOpenDialog).
import type { FileKind } from '../../shared/api/contract';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

const FILTERS: Record<FileKind, DialogFilter[]> = {
  data: [
    { name: 'CSV/TSV logs', extensions: ['csv', 'tsv', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
  certificate: [
    { name: 'CA certificates', extensions: ['pem', 'crt', 'cer'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The open dialog's filters for `kind`, the likely files first. */
export function openDialogFilters(kind: FileKind): DialogFilter[] {
  return FILTERS[kind];
}
